#include "connection/secretstore.h"

#include <qt6keychain/keychain.h>

#include <QPointer>

namespace skydns::console {

namespace {

// classify maps a finished job to a result. QtKeychain 0.13 has no isAvailable(): a missing
// keyring only shows as the job's error, NoBackendAvailable or, through libsecret, an OtherError
// that names D-Bus or the Secret Service.
SecretResult classify(const QKeychain::Job &job)
{
    SecretResult result;
    const QString detail = job.errorString();
    switch (job.error()) {
    case QKeychain::NoError:
        break;
    case QKeychain::EntryNotFound:
        result.status = SecretResult::Status::NotFound;
        result.message = SecretStore::tr("No secret is stored for this profile.");
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        result.status = SecretResult::Status::NoKeyring;
        result.message = SecretStore::noKeyringMessage(detail);
        break;
    case QKeychain::OtherError: {
        const QString lower = detail.toLower();
        const bool noService = lower.contains(QLatin1String("dbus")) || lower.contains(QLatin1String("d-bus"))
            || lower.contains(QLatin1String("secret")) || lower.contains(QLatin1String("org.freedesktop"))
            || lower.contains(QLatin1String("kwallet")) || lower.contains(QLatin1String("unknown error"))
            || lower.contains(QLatin1String("no such")) || lower.contains(QLatin1String("not provided"))
            || lower.contains(QLatin1String("cannot autolaunch")) || lower.contains(QLatin1String("connect"));
        result.status = noService ? SecretResult::Status::NoKeyring : SecretResult::Status::Failed;
        result.message = noService ? SecretStore::noKeyringMessage(detail)
                                   : SecretStore::tr("The keyring failed: %1").arg(detail);
        break;
    }
    default:
        result.status = SecretResult::Status::Failed;
        result.message = SecretStore::tr("The keyring refused: %1").arg(detail);
        break;
    }
    return result;
}

template<typename JobType>
void startJob(JobType *job, QObject *context, SecretCallback done, std::function<void(SecretResult &)> onOk = {})
{
    // No insecure fallback: a password must never land in a plain settings file.
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    const bool hasContext = context != nullptr;
    QPointer<QObject> guard(context);
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [job, guard, hasContext, done = std::move(done), onOk = std::move(onOk)](QKeychain::Job *) {
                         if (hasContext && !guard)
                             return;
                         SecretResult result = classify(*job);
                         if (result.ok() && onOk)
                             onOk(result);
                         if (done)
                             done(result);
                     });
    job->start();
}

} // namespace

SecretStore::SecretStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
}

QString SecretStore::keyOf(const QString &profile, Secret secret)
{
    return profile
        + (secret == Secret::EtcdPassword ? QStringLiteral("/etcd-password") : QStringLiteral("/admin-token"));
}

QString SecretStore::noKeyringMessage(const QString &detail)
{
    return tr("No keyring is available (%1). Passwords and tokens cannot be saved: you will be asked for "
              "them at each connection. Start a Secret Service (GNOME Keyring, KWallet) to keep them.")
        .arg(detail.isEmpty() ? tr("no keychain service found") : detail);
}

void SecretStore::read(const QString &profile, Secret secret, QObject *context, SecretCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(keyOf(profile, secret));
    startJob(job, context, std::move(done), [job](SecretResult &r) { r.value = job->textData(); });
}

void SecretStore::write(const QString &profile, Secret secret, const QString &value, QObject *context,
                        SecretCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(keyOf(profile, secret));
    job->setTextData(value);
    startJob(job, context, std::move(done));
}

void SecretStore::remove(const QString &profile, Secret secret, QObject *context, SecretCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(keyOf(profile, secret));
    startJob(job, context, std::move(done));
}

} // namespace skydns::console
