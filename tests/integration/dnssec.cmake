# DNSSEC against a real validator (engineer "dnssec"): delv with our DNSKEY as trust anchor.
# tst_dnssec_delv: an in-process responder (resolve + ZoneSigner), no service needed.
skydns_add_test(NAME tst_dnssec_delv SOURCES tst_dnssec_delv.cpp tst_dnssec_delvutil.h LIBS Threads::Threads LABELS integration TIMEOUT 300)
