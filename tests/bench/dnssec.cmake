# dnssecbench: signed vs unsigned resolve + encode on the mixed query file, and cold signatures
# per second by algorithm (tests/bench/dnssec/RESULTS.md; not run by CTest).
add_executable(dnssecbench dnssec/dnssecbench.cpp)
target_link_libraries(dnssecbench PRIVATE SkyDNS::Common)
