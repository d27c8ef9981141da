#pragma once
// The text templates shared with the packages: installer/systemd/*.in and installer/macos/*.in are
// compiled into the library (CMake embeds them), so `skydns service install` writes exactly what the
// .deb and .pkg install. Placeholders are @SKYDNS_NAME@-style words, filled by renderTemplate.
#include <QMap>
#include <QString>

namespace skydns::platform {

// TemplateId names one embedded template.
enum class TemplateId { SystemdService, SystemdSocket, SystemdSysusers, LaunchdPlist };

// templateText is the text of the template as committed under installer/.
QString templateText(TemplateId id);

// renderTemplate replaces each @KEY@ of text with values[KEY] (values are inserted as given: callers
// quote them for the target format). Returns false with *error naming the first placeholder that has
// no value, so a template and its caller cannot silently drift apart.
bool renderTemplate(const QString &text, const QMap<QString, QString> &values, QString *out, QString *error);

} // namespace skydns::platform
