# Forwarder unit tests: real sockets on 127.0.0.1 against FakeUpstream (tests/support). The
# forwarder's sources are compiled in directly so the test depends on nothing else of the service.
set(SKYDNS_FORWARDER_SOURCES
    ${PROJECT_SOURCE_DIR}/service/forwarder.h ${PROJECT_SOURCE_DIR}/service/forwarder.cpp
    ${PROJECT_SOURCE_DIR}/service/forwardexchange.h ${PROJECT_SOURCE_DIR}/service/forwardexchange.cpp
    ${PROJECT_SOURCE_DIR}/service/forwardwire.h ${PROJECT_SOURCE_DIR}/service/forwardwire.cpp)
skydns_add_test(NAME tst_forwarder SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_forwarder.cpp ${SKYDNS_FORWARDER_SOURCES}
    TIMEOUT 120)
target_include_directories(tst_forwarder PRIVATE ${PROJECT_SOURCE_DIR}/service)

# The raw wire helpers (stub option bytes, nameserver addresses), no sockets.
skydns_add_test(NAME tst_forwardwire SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_forwardwire.cpp
    ${PROJECT_SOURCE_DIR}/service/forwardwire.h ${PROJECT_SOURCE_DIR}/service/forwardwire.cpp)
target_include_directories(tst_forwardwire PRIVATE ${PROJECT_SOURCE_DIR}/service)
