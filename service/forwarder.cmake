# Forwarder: upstream exchanges (forwarding, stub zones, external lookups), spec 4 and 5.
target_sources(skydns_service_lib PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/forwarder.h ${CMAKE_CURRENT_LIST_DIR}/forwarder.cpp
    ${CMAKE_CURRENT_LIST_DIR}/forwardexchange.h ${CMAKE_CURRENT_LIST_DIR}/forwardexchange.cpp
    ${CMAKE_CURRENT_LIST_DIR}/forwardwire.h ${CMAKE_CURRENT_LIST_DIR}/forwardwire.cpp)
