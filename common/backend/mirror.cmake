# The etcd mirror: persistent (path-copying) store, immutable snapshots, and the watch loop (v2,
# and v3 over the JSON gateway: mirror3.cpp, mirrorfeed3, mirrorlease.cpp,
# leaselookups).
target_sources(skydns_common PRIVATE
    persistentmap.h
    store.h store.cpp
    snapshot.h snapshot.cpp
    watchfeedbase.h watchfeedbase.cpp
    mirrorfeed.h mirrorfeed.cpp
    mirrorfeed3.h mirrorfeed3.cpp
    leaselookups.h leaselookups.cpp wallclock.h
    mirror.h mirror.cpp mirrorexpiry.cpp mirror3.cpp mirrorlease.cpp)
