# The etcd mirror: persistent (path-copying) store, immutable snapshots, and the watch loop.
target_sources(skydns_common PRIVATE
    persistentmap.h
    store.h store.cpp
    snapshot.h snapshot.cpp
    mirrorfeed.h mirrorfeed.cpp
    mirror.h mirror.cpp mirrorexpiry.cpp)
