# EtcdClient (etcd v2 keys API over cpprestsdk). Only etcdtransport.cpp includes cpprest: the
# client's policy, request encoding, response parsing and machine back-off are plain C++ so they
# compile fast and the pure parts test offline.
target_sources(skydns_common PRIVATE
    etcdclient.h etcdclient.cpp
    etcdlog.h
    etcdtransport.h etcdtransport.cpp etcdhttp.h
    etcdrequest.h etcdrequest.cpp
    etcdresponse.h etcdresponse.cpp
    etcdnodereader.h etcdnodereader.cpp
    etcdmachines.h etcdmachines.cpp)
