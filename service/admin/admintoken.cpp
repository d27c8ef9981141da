#include "admintoken.h"

#include "admin/adminapi.h"
#include "admin/adminrequest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

namespace skydns::service {

QString defaultTokenPath(const QString &stateDirectory)
{
    // systemd may pass several directories separated by ':'; the first is ours.
    const QString state = stateDirectory.section(QLatin1Char(':'), 0, 0);
    if (!state.isEmpty())
        return QDir(state).filePath(QString::fromLatin1(skydns::admin::kTokenFileName));
    QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (data.isEmpty())
        data = QDir::homePath() + QStringLiteral("/.local/share");
    return QDir(data).filePath(QStringLiteral("skydns/") + QString::fromLatin1(skydns::admin::kTokenFileName));
}

std::string newToken()
{
    unsigned char bytes[32];
    std::size_t have = 0;
    while (have < sizeof bytes) {
        const ssize_t n = ::getrandom(bytes + have, sizeof bytes - have, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return {};
        }
        have += std::size_t(n);
    }
    static const char hex[] = "0123456789abcdef";
    std::string token;
    for (const unsigned char b : bytes) {
        token.push_back(hex[b >> 4]);
        token.push_back(hex[b & 15]);
    }
    return token;
}

namespace {

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

std::optional<std::string> readToken(const QString &path, QString *error)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        *error = QStringLiteral("cannot open admin token file %1: %2").arg(path, errnoText());
        return std::nullopt;
    }
    struct stat st = {};
    std::string text;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *error = QStringLiteral("admin token file %1 is not a regular file").arg(path);
    } else if (st.st_uid != ::geteuid()) {
        *error = QStringLiteral("admin token file %1 belongs to uid %2, not to this service (uid %3)")
                     .arg(path).arg(st.st_uid).arg(::geteuid());
    } else if (st.st_mode & 077) {
        *error = QStringLiteral("admin token file %1 can be accessed by others (mode %2): run chmod 600 on it, "
                                "or delete it to get a new token")
                     .arg(path, QString::number(st.st_mode & 0777, 8));
    } else {
        char buf[512];
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0)
            *error = QStringLiteral("cannot read admin token file %1: %2").arg(path, errnoText());
        else
            text.assign(buf, std::size_t(n));
    }
    ::close(fd);
    if (!error->isEmpty())
        return std::nullopt;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.pop_back();
    if (!skydns::admin::isValidToken(text)) {
        *error = QStringLiteral("admin token file %1 does not hold a token (32-128 characters of 0-9, a-z, A-Z, "
                                "'-', '_'); delete it to get a new one")
                     .arg(path);
        return std::nullopt;
    }
    return text;
}

} // namespace

std::optional<std::string> loadOrCreateToken(const QString &path, QString *error, bool *created)
{
    error->clear();
    if (created)
        *created = false;
    if (path.isEmpty()) {
        *error = QStringLiteral("no admin token file given");
        return std::nullopt;
    }
    const QByteArray native = QFile::encodeName(path);
    struct stat st = {};
    if (::lstat(native.constData(), &st) == 0 || errno != ENOENT)
        return readToken(path, error);

    const QString dir = QFileInfo(path).absolutePath();
    if (!QFileInfo::exists(dir)) {
        // Only the directories we make get 0700; an existing parent keeps its mode.
        if (!QDir().mkpath(dir) || ::chmod(QFile::encodeName(dir).constData(), 0700) != 0) {
            *error = QStringLiteral("cannot create directory %1 for the admin token").arg(dir);
            return std::nullopt;
        }
    }
    const std::string token = newToken();
    if (token.empty()) {
        *error = QStringLiteral("no random bytes for the admin token: %1").arg(errnoText());
        return std::nullopt;
    }
    // O_EXCL: if another process created the file meanwhile, use its token instead of replacing it.
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return readToken(path, error);
        *error = QStringLiteral("cannot create admin token file %1: %2").arg(path, errnoText());
        return std::nullopt;
    }
    const std::string line = token + "\n";
    // The umask cannot widen 0600, but fchmod makes the mode independent of it either way.
    const bool ok = ::fchmod(fd, 0600) == 0 && ::write(fd, line.data(), line.size()) == ssize_t(line.size()) &&
                    ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
        *error = QStringLiteral("cannot write admin token file %1: %2").arg(path, errnoText());
        ::unlink(native.constData());
        return std::nullopt;
    }
    if (created)
        *created = true;
    return token;
}

} // namespace skydns::service
