# The fuzz targets and what each links, shared by CMakeLists.txt (clang, libFuzzer) and
# regressions.cmake (gcc replay over the corpus and the committed reproducers).
set(SKYDNS_FUZZ_TARGETS fuzz_packet fuzz_servicejson fuzz_etcdresponse fuzz_config fuzz_querykey fuzz_adminrequest)
set(SKYDNS_FUZZ_LIBS_fuzz_packet SkyDNS::Common)
set(SKYDNS_FUZZ_LIBS_fuzz_servicejson SkyDNS::Common)
set(SKYDNS_FUZZ_LIBS_fuzz_etcdresponse SkyDNS::Common)
set(SKYDNS_FUZZ_LIBS_fuzz_config SkyDNS::Common Qt6::Core)
set(SKYDNS_FUZZ_LIBS_fuzz_querykey skydns_service_lib SkyDNS::Common)
set(SKYDNS_FUZZ_LIBS_fuzz_adminrequest SkyDNS::Common)
