#pragma once

#include <QHash>
#include <QMutex>
#include <QTranslator>

#include <memory>
#include <vector>

namespace skydns::console {

// RecordingTranslator is the one translator the console installs. It asks the translators it holds
// (the console's and Qt's for the current language) and remembers, for every text it handed out,
// where it came from (context, source, disambiguation): that is what lets Retranslator translate a
// widget's text again after a language change without the widget's code knowing.
class RecordingTranslator final : public QTranslator
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingTranslator)

public:
    // Origin is where a translated text came from.
    struct Origin
    {
        QByteArray context;
        QByteArray source;
        QByteArray disambiguation;
    };

    explicit RecordingTranslator(QObject *parent = nullptr);
    ~RecordingTranslator() override;

    // setTranslators replaces the translators asked, highest priority first (empty: English).
    void setTranslators(std::vector<std::unique_ptr<QTranslator>> translators);
    // translate asks the held translators; a null result lets Qt fall back to the source text.
    QString translate(const char *context, const char *sourceText, const char *disambiguation = nullptr,
                      int n = -1) const override;
    // isEmpty is false: the translator always takes part in lookups (it records English texts too).
    bool isEmpty() const override { return false; }
    // originOf finds where text came from; false when no tr() call produced it.
    bool originOf(const QString &text, Origin *origin) const;

private:
    void record(const QString &text, const char *context, const char *source, const char *disambiguation) const;

    std::vector<std::unique_ptr<QTranslator>> m_translators;
    mutable QMutex m_mutex;
    mutable QHash<QString, Origin> m_origins;
};

} // namespace skydns::console
