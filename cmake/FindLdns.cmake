# Finds ldns (Debian libldns-dev ships no pkg-config file nor CMake package) and defines Ldns::Ldns.
find_path(LDNS_INCLUDE_DIR ldns/ldns.h REQUIRED)
find_library(LDNS_LIBRARY NAMES ldns REQUIRED)
if(NOT TARGET Ldns::Ldns)
    add_library(Ldns::Ldns UNKNOWN IMPORTED)
    set_target_properties(Ldns::Ldns PROPERTIES
        IMPORTED_LOCATION "${LDNS_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${LDNS_INCLUDE_DIR}")
    target_link_libraries(Ldns::Ldns INTERFACE OpenSSL::Crypto)
endif()
