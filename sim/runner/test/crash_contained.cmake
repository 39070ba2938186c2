# SPDX-License-Identifier: GPL-2.0-only
#
# cmake -P script: a guest crash is contained. Runs sim/runner/test/crash/ (a scenario whose
# guest dereferences NULL, and a healthy one) and requires: exit status 1, the crashed run
# reported as FAIL with the crash as reason, the healthy run passed, and the JUnit failure
# carrying the trace tail as evidence.
execute_process(COMMAND ${HVSIM} run ${SRC}/sim/runner/test/crash --kernel ${KERNEL}
        --jobs 1 --quiet --junit ${OUT}/crash-junit.xml
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 1)
    message(FATAL_ERROR "expected exit status 1, got ${rc}")
endif()
if(NOT out MATCHES "FAIL test.crash.kvp-open-fails \\[[^]]*\\]: guest crash: ")
    message(FATAL_ERROR "the crashed run is not reported as a guest crash")
endif()
if(NOT out MATCHES "runs=2 pass=1 fail=1 skip=0")
    message(FATAL_ERROR "the healthy run did not run or did not pass")
endif()
file(READ ${OUT}/crash-junit.xml junit)
if(NOT junit MATCHES "<failure message=\"guest crash: [^\"]*\">[^<]*hv crash why=")
    message(FATAL_ERROR "the JUnit failure lacks the trace tail as evidence")
endif()
