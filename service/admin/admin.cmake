# The admin API of the service (issue 6; contract in common/admin): per-worker recorders on the query
# path, reports, the token file, and the HTTP listener (the only cpprest translation unit here).
target_sources(skydns_service_lib PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/adminhttp.cpp ${CMAKE_CURRENT_LIST_DIR}/adminhttp.h
    ${CMAKE_CURRENT_LIST_DIR}/adminreports.cpp ${CMAKE_CURRENT_LIST_DIR}/adminreports.h
    ${CMAKE_CURRENT_LIST_DIR}/adminservice.cpp ${CMAKE_CURRENT_LIST_DIR}/adminservice.h
    ${CMAKE_CURRENT_LIST_DIR}/admintoken.cpp ${CMAKE_CURRENT_LIST_DIR}/admintoken.h
    ${CMAKE_CURRENT_LIST_DIR}/applicationadmin.cpp
    ${CMAKE_CURRENT_LIST_DIR}/queryrecorder.cpp ${CMAKE_CURRENT_LIST_DIR}/queryrecorder.h)
target_link_libraries(skydns_service_lib PRIVATE cpprestsdk::cpprest)
