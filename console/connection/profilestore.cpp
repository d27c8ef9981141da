#include "connection/profilestore.h"

#include <QSettings>

namespace skydns::console {

namespace {

const QString kGroup = QStringLiteral("profiles");

// Profile names are free text; QSettings groups are not (a '/' would nest), so the group key is
// the name percent-encoded and the real name is stored inside.
QString groupOf(const QString &name)
{
    return kGroup + QLatin1Char('/') + QString::fromLatin1(name.toUtf8().toPercentEncoding());
}

} // namespace

ProfileStore::ProfileStore(QSettings *settings)
    : m_settings(settings)
{
    if (!m_settings) {
        m_owned = std::make_unique<QSettings>();
        m_settings = m_owned.get();
    }
}

ProfileStore::~ProfileStore() = default;

QStringList ProfileStore::names() const
{
    QStringList names;
    m_settings->beginGroup(kGroup);
    const QStringList groups = m_settings->childGroups();
    for (const QString &group : groups) {
        const QString name = m_settings->value(group + QStringLiteral("/name")).toString();
        if (!name.isEmpty())
            names << name;
    }
    m_settings->endGroup();
    names.sort(Qt::CaseInsensitive);
    return names;
}

bool ProfileStore::contains(const QString &name) const
{
    return !name.isEmpty() && m_settings->contains(groupOf(name) + QStringLiteral("/name"));
}

bool ProfileStore::load(const QString &name, ConnectionProfile *profile) const
{
    if (!contains(name))
        return false;
    m_settings->beginGroup(groupOf(name));
    ConnectionProfile p;
    p.name = m_settings->value(QStringLiteral("name")).toString();
    p.api = m_settings->value(QStringLiteral("api")).toString() == QLatin1String("v3") ? KvStoreOptions::Api::V3
                                                                                          : KvStoreOptions::Api::V2;
    p.machines = m_settings->value(QStringLiteral("machines"), p.machines).toStringList();
    p.prefix = m_settings->value(QStringLiteral("prefix"), p.prefix).toString();
    p.domain = m_settings->value(QStringLiteral("domain"), p.domain).toString();
    p.caFile = m_settings->value(QStringLiteral("caFile")).toString();
    p.certFile = m_settings->value(QStringLiteral("certFile")).toString();
    p.keyFile = m_settings->value(QStringLiteral("keyFile")).toString();
    p.username = m_settings->value(QStringLiteral("username")).toString();
    p.adminUrl = m_settings->value(QStringLiteral("adminUrl"), p.adminUrl).toString();
    m_settings->endGroup();
    *profile = p;
    return true;
}

bool ProfileStore::save(const ConnectionProfile &profile, QString *error)
{
    const QStringList problems = profile.validate();
    if (!problems.isEmpty()) {
        if (error)
            *error = problems.join(QLatin1Char('\n'));
        return false;
    }
    m_settings->remove(groupOf(profile.name));
    m_settings->beginGroup(groupOf(profile.name));
    m_settings->setValue(QStringLiteral("name"), profile.name);
    m_settings->setValue(QStringLiteral("api"), profile.apiName());
    m_settings->setValue(QStringLiteral("machines"), profile.machines);
    m_settings->setValue(QStringLiteral("prefix"), profile.prefix);
    m_settings->setValue(QStringLiteral("domain"), profile.domain);
    m_settings->setValue(QStringLiteral("caFile"), profile.caFile);
    m_settings->setValue(QStringLiteral("certFile"), profile.certFile);
    m_settings->setValue(QStringLiteral("keyFile"), profile.keyFile);
    m_settings->setValue(QStringLiteral("username"), profile.username);
    m_settings->setValue(QStringLiteral("adminUrl"), profile.adminUrl);
    m_settings->endGroup();
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError) {
        if (error)
            *error = ConnectionProfile::tr("The settings file %1 could not be written.").arg(m_settings->fileName());
        return false;
    }
    return true;
}

void ProfileStore::remove(const QString &name)
{
    m_settings->remove(groupOf(name));
    if (lastUsed() == name)
        m_settings->remove(QStringLiteral("lastProfile"));
    m_settings->sync();
}

QString ProfileStore::lastUsed() const
{
    return m_settings->value(QStringLiteral("lastProfile")).toString();
}

void ProfileStore::setLastUsed(const QString &name)
{
    m_settings->setValue(QStringLiteral("lastProfile"), name);
    m_settings->sync();
}

} // namespace skydns::console
