# resolverbench: resolve() + encode on one core over a 10k-service snapshot (run by
# tests/bench/resolver/run.sh, not by CTest).
add_executable(resolverbench resolver/resolverbench.cpp)
target_link_libraries(resolverbench PRIVATE SkyDNS::Common)
