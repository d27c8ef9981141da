# Query tester (issue 6): a dig-like widget over Qt sockets, answers printed with ldns.
target_sources(skydns_console_lib PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/dnsexchange.h ${CMAKE_CURRENT_LIST_DIR}/dnsexchange.cpp
    ${CMAKE_CURRENT_LIST_DIR}/digformat.h ${CMAKE_CURRENT_LIST_DIR}/digformat.cpp
    ${CMAKE_CURRENT_LIST_DIR}/querytester.h ${CMAKE_CURRENT_LIST_DIR}/querytester.cpp
)
