# Admin API client (issue 6): QNetworkAccessManager over common/admin's contract and codecs.
target_sources(skydns_console_lib PRIVATE
    admin/adminerror.h
    admin/adminclient.h admin/adminclient.cpp)
