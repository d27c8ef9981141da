# Tests of MemoryBackend and FirstBackend (the backend contract table lives in backendcontract.h).
skydns_add_test(NAME tst_memorybackend SOURCES tst_memorybackend.cpp backendcontract.h)
skydns_add_test(NAME tst_firstbackend SOURCES tst_firstbackend.cpp)
