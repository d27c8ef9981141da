# DNSSEC against a real validator (engineer "dnssec"): delv with our DNSKEY as trust anchor.
# tst_dnssec_delv: an in-process responder (resolve + ZoneSigner), no service needed.
skydns_add_test(NAME tst_dnssec_delv SOURCES tst_dnssec_delv.cpp tst_dnssec_delvutil.h LIBS Threads::Threads LABELS integration TIMEOUT 300)
# tst_dnssec_service: the same checks against the skydns binary started with -dnssec.
skydns_add_test(NAME tst_dnssec_service SOURCES tst_dnssec_service.cpp tst_dnssec_delvutil.h servicetestutil.h LIBS Qt6::Network ETCD TIMEOUT 300)
target_compile_definitions(tst_dnssec_service PRIVATE SKYDNS_BIN="$<TARGET_FILE:skydns>")
add_dependencies(tst_dnssec_service skydns)
