# resolverbench: resolve() + encode on one core over a 10k-service snapshot (run by
# tests/bench/resolver/run.sh, not by CTest).
add_executable(resolverbench resolver/resolverbench.cpp)
target_link_libraries(resolverbench PRIVATE SkyDNS::Common)

# encodediff: dns::encode against the reference encoder (resolver/referenceencoder.inc) on random
# messages, byte for byte (run by hand after encoder changes; not by CTest).
add_executable(encodediff resolver/encodediff.cpp)
target_link_libraries(encodediff PRIVATE SkyDNS::Common)
