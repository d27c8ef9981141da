# The etcd tree under the path prefix shown as DNS names: a lazy, live item model and its filter.
target_sources(skydns_console_lib PRIVATE
    tree/dnstreenode.h tree/dnstreenode.cpp
    tree/dnstreemodel.h tree/dnstreemodel.cpp tree/dnstreemodelload.cpp tree/dnstreemodelmerge.cpp
    tree/dnstreemodelwatch.cpp
    tree/dnstreefiltermodel.h tree/dnstreefiltermodel.cpp
    tree/recordspage.h tree/recordspage.cpp)
