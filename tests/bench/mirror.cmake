# mirrorbench: load time, memory per service and change propagation of the etcd Mirror
# (run by tests/bench/mirror/run.sh, not by CTest).
add_executable(mirrorbench mirror/mirrorbench.cpp)
target_link_libraries(mirrorbench PRIVATE SkyDNS::Common Qt6::Core)
