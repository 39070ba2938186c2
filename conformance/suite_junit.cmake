# SPDX-License-Identifier: GPL-2.0-only
#
# cmake -P script: run the whole suite (`hvsim run conformance/`, as the README says) on
# every guest image with JUnit, JSON and Markdown output, require exit 0, and check that the
# JUnit file is well-formed XML with one testcase per run.
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${HVSIM} run ${SRC}/conformance/ --kernel all --quiet
        --junit ${OUT}/junit.xml --json ${OUT}/results.json --report ${OUT}/report
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "hvsim run exited ${rc}")
endif()
execute_process(COMMAND python3 -c
    "import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); n = len(d.getElementsByTagName('testcase')); print('junit testcases', n); sys.exit(0 if n > 0 else 1)"
    ${OUT}/junit.xml RESULT_VARIABLE xrc)
if(NOT xrc EQUAL 0)
    message(FATAL_ERROR "junit.xml is not valid XML with testcases")
endif()
