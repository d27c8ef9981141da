# The DNS service core (engineer "server"): listeners and worker threads, the query pipeline,
# packet cache, Fit, metrics and the Prometheus endpoint, configuration reload, and the
# Application that main.cpp runs.
target_sources(skydns_service_lib PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/application.cpp ${CMAKE_CURRENT_LIST_DIR}/application.h
    ${CMAKE_CURRENT_LIST_DIR}/fit.cpp ${CMAKE_CURRENT_LIST_DIR}/fit.h
    ${CMAKE_CURRENT_LIST_DIR}/listensockets.cpp ${CMAKE_CURRENT_LIST_DIR}/listensockets.h
    ${CMAKE_CURRENT_LIST_DIR}/metrics.cpp ${CMAKE_CURRENT_LIST_DIR}/metrics.h
    ${CMAKE_CURRENT_LIST_DIR}/metricsserver.cpp ${CMAKE_CURRENT_LIST_DIR}/metricsserver.h
    ${CMAKE_CURRENT_LIST_DIR}/packetcache.cpp ${CMAKE_CURRENT_LIST_DIR}/packetcache.h
    ${CMAKE_CURRENT_LIST_DIR}/querykey.cpp ${CMAKE_CURRENT_LIST_DIR}/querykey.h
    ${CMAKE_CURRENT_LIST_DIR}/queryhandler.cpp ${CMAKE_CURRENT_LIST_DIR}/queryhandler.h
    ${CMAKE_CURRENT_LIST_DIR}/tcpconnection.cpp ${CMAKE_CURRENT_LIST_DIR}/tcpconnection.h
    ${CMAKE_CURRENT_LIST_DIR}/trackingbackend.h
    ${CMAKE_CURRENT_LIST_DIR}/worker.cpp ${CMAKE_CURRENT_LIST_DIR}/worker.h)
