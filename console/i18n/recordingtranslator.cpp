#include "i18n/recordingtranslator.h"

#include <QMutexLocker>

namespace skydns::console {

RecordingTranslator::RecordingTranslator(QObject *parent)
    : QTranslator(parent)
{
}

RecordingTranslator::~RecordingTranslator() = default;

void RecordingTranslator::setTranslators(std::vector<std::unique_ptr<QTranslator>> translators)
{
    QMutexLocker lock(&m_mutex);
    m_translators = std::move(translators);
}

QString RecordingTranslator::translate(const char *context, const char *sourceText, const char *disambiguation,
                                       int n) const
{
    if (!sourceText)
        return QString();
    QString result;
    {
        // tr() may run in worker threads (error texts built off the GUI thread).
        QMutexLocker lock(&m_mutex);
        for (const auto &t : m_translators) {
            result = t->translate(context, sourceText, disambiguation, n);
            if (!result.isEmpty())
                break;
        }
    }
    // Plural texts are recorded with %n unreplaced, so a widget showing "3 keys" is not matched:
    // only fixed texts can be translated again from the outside, which is what menus, tabs and
    // labels are.
    record(result.isEmpty() ? QString::fromUtf8(sourceText) : result, context, sourceText, disambiguation);
    return result.isEmpty() ? QString() : result;
}

void RecordingTranslator::record(const QString &text, const char *context, const char *source,
                                 const char *disambiguation) const
{
    QMutexLocker lock(&m_mutex);
    auto it = m_origins.find(text);
    if (it != m_origins.end())
        return; // the first context wins; the same text in two contexts translates alike almost always
    m_origins.insert(text, Origin{QByteArray(context ? context : ""), QByteArray(source),
                                  QByteArray(disambiguation ? disambiguation : "")});
}

bool RecordingTranslator::originOf(const QString &text, Origin *origin) const
{
    QMutexLocker lock(&m_mutex);
    auto it = m_origins.constFind(text);
    if (it == m_origins.constEnd())
        return false;
    *origin = it.value();
    return true;
}

} // namespace skydns::console
