#pragma once

#include "connection/connectionprofile.h"

#include <QList>
#include <QString>

#include <memory>

class QSettings;

namespace skydns::console {

// ProfileStore keeps connection profiles in QSettings (group "profiles/<name>"), plus the name of
// the profile used last. Nothing secret is written here: see SecretStore.
class ProfileStore
{
    Q_DISABLE_COPY_MOVE(ProfileStore)

public:
    // ProfileStore uses settings when given (tests pass an INI file), else the application's QSettings.
    explicit ProfileStore(QSettings *settings = nullptr);
    ~ProfileStore();

    // names lists the stored profiles, sorted.
    QStringList names() const;
    // contains says whether a profile of that name is stored.
    bool contains(const QString &name) const;
    // load reads profile name; false when there is none (then *profile is unchanged).
    bool load(const QString &name, ConnectionProfile *profile) const;
    // save writes profile (replacing one of the same name); false with *error when it does not
    // validate or QSettings cannot write.
    bool save(const ConnectionProfile &profile, QString *error = nullptr);
    // remove deletes profile name (its keychain secrets are SecretStore's business).
    void remove(const QString &name);
    // lastUsed / setLastUsed: the profile the console selects at start.
    QString lastUsed() const;
    void setLastUsed(const QString &name);

private:
    QSettings *m_settings = nullptr;
    std::unique_ptr<QSettings> m_owned;
};

} // namespace skydns::console
