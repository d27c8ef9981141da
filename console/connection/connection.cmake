# Connection profiles (QSettings), their secrets (QtKeychain) and the profile dialog.
# Qt6Keychain is found by the top-level CMakeLists.txt.
target_sources(skydns_console_lib PRIVATE
    connection/connectionprofile.h connection/connectionprofile.cpp
    connection/profilestore.h connection/profilestore.cpp
    connection/secretstore.h connection/secretstore.cpp
    connection/profiledialog.h connection/profiledialog.cpp
    connection/connectionmanager.h connection/connectionmanager.cpp)
target_link_libraries(skydns_console_lib PUBLIC Qt6Keychain::Qt6Keychain)
