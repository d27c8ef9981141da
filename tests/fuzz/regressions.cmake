# Replay of the fuzz corpus and the committed reproducers (tests/fuzz/regressions/<target>/) in the
# normal test suite: each fuzz target's source is compiled with replaymain.cpp (no libFuzzer, any
# compiler) and run over its files. Included from tests/CMakeLists.txt.
include(${CMAKE_CURRENT_LIST_DIR}/targets.cmake)
foreach(t IN LISTS SKYDNS_FUZZ_TARGETS)
    set(exe replay_${t})
    add_executable(${exe} ${CMAKE_CURRENT_LIST_DIR}/${t}.cpp ${CMAKE_CURRENT_LIST_DIR}/replaymain.cpp)
    set_target_properties(${exe} PROPERTIES AUTOMOC OFF) # no QObjects here
    target_link_libraries(${exe} PRIVATE skydns_warnings ${SKYDNS_FUZZ_LIBS_${t}})
    target_compile_definitions(${exe} PRIVATE
        SKYDNS_FUZZ_FIXTURE="${PROJECT_SOURCE_DIR}/tests/data/resolver-readme.json")
    # regressions/<target> may not exist yet: replaymain skips missing paths.
    add_test(NAME tst_fuzzreplay_${t} COMMAND ${exe}
        ${CMAKE_CURRENT_LIST_DIR}/corpus/${t} ${CMAKE_CURRENT_LIST_DIR}/regressions/${t})
    set_tests_properties(tst_fuzzreplay_${t} PROPERTIES LABELS unit TIMEOUT 120
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endforeach()
