# Service editor (issue 6): one SkyDNS service as validated fields and raw JSON, written with CAS.
target_sources(skydns_console_lib PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/jsonmembers.h ${CMAKE_CURRENT_LIST_DIR}/jsonmembers.cpp
    ${CMAKE_CURRENT_LIST_DIR}/servicevalidation.h ${CMAKE_CURRENT_LIST_DIR}/servicevalidation.cpp
    ${CMAKE_CURRENT_LIST_DIR}/conflictpanel.h ${CMAKE_CURRENT_LIST_DIR}/conflictpanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/serviceeditor.h ${CMAKE_CURRENT_LIST_DIR}/serviceeditor.cpp
)
