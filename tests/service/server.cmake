# Unit tests of the service core (engineer "server"): packet cache and keys, metrics text, Fit.
foreach(t tst_packetcache tst_metrics tst_fit)
    skydns_add_test(NAME ${t} SOURCES ${t}.cpp LIBS skydns_service_lib TIMEOUT 60)
endforeach()
