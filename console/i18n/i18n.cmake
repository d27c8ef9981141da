# Console languages: the translators for the chosen language (the .qm files are embedded under
# :/i18n by translations/CMakeLists.txt), the Settings > Language menu, and retranslation of open
# windows when the language changes.
target_sources(skydns_console_lib PRIVATE
    i18n/translations.h i18n/translations.cpp
    i18n/recordingtranslator.h i18n/recordingtranslator.cpp
    i18n/retranslator.h i18n/retranslator.cpp
    i18n/languagemenu.h i18n/languagemenu.cpp)
