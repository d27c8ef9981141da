# Dashboard, query log and cache views (issue 6): live plots drawn with QPainter, table models fed
# by the admin client.
target_sources(skydns_console_lib PRIVATE
    dashboard/timeseriesplot.h dashboard/timeseriesplot.cpp
    dashboard/dashboardview.h dashboard/dashboardview.cpp
    dashboard/querylogmodel.h dashboard/querylogmodel.cpp
    dashboard/querylogview.h dashboard/querylogview.cpp
    dashboard/cachemodel.h dashboard/cachemodel.cpp
    dashboard/cacheview.h dashboard/cacheview.cpp)
