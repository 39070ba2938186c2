# SPDX-License-Identifier: GPL-2.0-only
#
# hvsim_unit_test(<layer> <unit> LIBS <targets...>)
# Builds <layer>/test/test_<unit>.c into test_<layer>_<unit> (CMocka) and registers it
# with CTest as unit.<layer>.<unit>, label "unit". One test program per unit.
function(hvsim_unit_test layer unit)
    cmake_parse_arguments(T "" "" "LIBS;SOURCES" ${ARGN})
    string(REPLACE "/" "_" lname "${layer}")
    set(tgt "test_${lname}_${unit}")
    add_executable(${tgt} test/test_${unit}.c ${T_SOURCES})
    target_link_libraries(${tgt} PRIVATE ${T_LIBS} PkgConfig::CMOCKA hvsim_warnings)
    add_test(NAME unit.${lname}.${unit} COMMAND ${tgt})
    set_tests_properties(unit.${lname}.${unit} PROPERTIES LABELS "unit"
        ENVIRONMENT "CMOCKA_MESSAGE_OUTPUT=stdout")
endfunction()
