#include "querytester/querytester.h"

#include "dns/message.h"
#include "dns/name.h"
#include "dns/wire.h"
#include "querytester/digformat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRandomGenerator>
#include <QVBoxLayout>

namespace skydns::console {

namespace {

// dig's default EDNS buffer size (the DNS flag day 2020 value).
constexpr quint16 kUdpSize = 1232;

} // namespace

QueryTester::QueryTester(QWidget *parent)
    : QWidget(parent),
      m_server(new QLineEdit(QStringLiteral("127.0.0.1"), this)),
      m_port(new QLineEdit(QStringLiteral("53"), this)),
      m_name(new QLineEdit(this)),
      m_type(new QComboBox(this)),
      m_do(new QCheckBox(tr("&DNSSEC OK (DO bit)"), this)),
      m_udp(new QRadioButton(tr("&UDP"), this)),
      m_tcp(new QRadioButton(tr("T&CP"), this)),
      m_send(new QPushButton(tr("&Send"), this)),
      m_output(new QPlainTextEdit(this)),
      m_error(new QLabel(this))
{
    m_server->setObjectName(QStringLiteral("serverEdit"));
    m_port->setObjectName(QStringLiteral("portEdit"));
    m_port->setMaximumWidth(80);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. web.east.skydns.local."));
    m_type->setObjectName(QStringLiteral("typeCombo"));
    m_type->setEditable(true);
    m_type->addItems({QStringLiteral("A"), QStringLiteral("AAAA"), QStringLiteral("SRV"), QStringLiteral("TXT"),
                      QStringLiteral("MX"), QStringLiteral("CNAME"), QStringLiteral("NS"), QStringLiteral("PTR"),
                      QStringLiteral("SOA"), QStringLiteral("DNSKEY"), QStringLiteral("DS"), QStringLiteral("ANY")});
    m_type->setToolTip(tr("A type mnemonic, TYPEnnn or a number from 0 to 65535"));
    m_do->setObjectName(QStringLiteral("doCheck"));
    m_udp->setObjectName(QStringLiteral("udpRadio"));
    m_tcp->setObjectName(QStringLiteral("tcpRadio"));
    m_udp->setChecked(true);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setDefault(true);
    m_output->setObjectName(QStringLiteral("outputView"));
    m_output->setReadOnly(true);
    m_output->setFont(QFont(QStringLiteral("monospace")));
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *serverRow = new QHBoxLayout;
    serverRow->addWidget(m_server, 1);
    auto *portLabel = new QLabel(tr("P&ort:"), this);
    portLabel->setBuddy(m_port);
    serverRow->addWidget(portLabel);
    serverRow->addWidget(m_port);
    auto *queryRow = new QHBoxLayout;
    queryRow->addWidget(m_name, 1);
    queryRow->addWidget(m_type);
    auto *optionRow = new QHBoxLayout;
    optionRow->addWidget(m_do);
    optionRow->addWidget(m_udp);
    optionRow->addWidget(m_tcp);
    optionRow->addStretch();
    optionRow->addWidget(m_send);
    auto *form = new QFormLayout;
    // Labels with buddies, so their mnemonics (Alt+R, Alt+N) focus the fields next to them.
    auto *serverLabel = new QLabel(tr("Se&rver:"), this);
    serverLabel->setBuddy(m_server);
    auto *nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_name);
    form->addRow(serverLabel, serverRow);
    form->addRow(nameLabel, queryRow);
    form->addRow(QString(), optionRow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_output, 1);

    connect(m_send, &QPushButton::clicked, this, &QueryTester::send);
    connect(m_name, &QLineEdit::returnPressed, this, &QueryTester::send);
    connect(&m_exchange, &DnsExchange::finished, this, &QueryTester::onFinished);
}

void QueryTester::setServer(const QString &host, quint16 port)
{
    m_server->setText(host);
    m_port->setText(QString::number(port));
}

void QueryTester::setQuery(const QString &name, const QString &type)
{
    m_name->setText(name);
    m_type->setCurrentText(type);
}

QString QueryTester::output() const
{
    return m_output->toPlainText();
}

void QueryTester::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void QueryTester::setRunning(bool running)
{
    m_send->setEnabled(!running);
    if (running)
        m_output->setPlainText(tr(";; Sending…"));
}

void QueryTester::send()
{
    if (isRunning())
        return;
    m_lastAnswer.clear();
    const QString name = m_name->text().trimmed();
    const QString host = m_server->text().trimmed();
    bool portOk = false;
    const uint port = m_port->text().trimmed().toUInt(&portOk);
    const int type = DigFormat::typeFromText(m_type->currentText());
    std::string wireName;
    QString error;
    if (name.isEmpty())
        error = tr("Enter a name to query.");
    else if (!dns::nameToWire(name.toStdString(), wireName))
        error = tr("\"%1\" is not a valid DNS name (empty label, label over 63 octets or name over 255 octets).").arg(name);
    else if (host.isEmpty())
        error = tr("Enter the server's address.");
    else if (!portOk || port == 0 || port > 65535)
        error = tr("The port must be a number from 1 to 65535, not \"%1\".").arg(m_port->text());
    else if (type < 0)
        error = tr("Unknown type \"%1\": use a mnemonic such as A or SRV, TYPEnnn or a number.").arg(m_type->currentText());
    if (!error.isEmpty()) {
        showError(error);
        m_output->clear();
        Q_EMIT finished(false);
        return;
    }
    showError(QString());
    m_pendingPort = quint16(port);
    m_pendingName = name;
    m_pendingType = type;
    setRunning(true);
    QHostAddress address;
    if (address.setAddress(host)) {
        sendTo(address);
        return;
    }
    m_lookupId = QHostInfo::lookupHost(host, this, [this, host](const QHostInfo &info) {
        m_lookupId = -1;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            setRunning(false);
            m_output->clear();
            showError(tr("Cannot resolve the server \"%1\": %2").arg(host, info.errorString()));
            Q_EMIT finished(false);
            return;
        }
        sendTo(info.addresses().first());
    });
}

void QueryTester::sendTo(const QHostAddress &address)
{
    dns::Message query;
    query.header.id = quint16(QRandomGenerator::global()->bounded(65536));
    query.header.rd = true;
    query.question.push_back(dns::Question{m_pendingName.toStdString(), quint16(m_pendingType), dns::kClassIN});
    query.edns.present = true;
    query.edns.udpSize = kUdpSize;
    query.edns.dnssecOk = m_do->isChecked();
    const std::string wire = dns::encode(query);
    m_exchange.start(address, m_pendingPort, QByteArray::fromStdString(wire), m_tcp->isChecked(), m_timeoutMs);
}

void QueryTester::onFinished(const DnsExchangeResult &result)
{
    setRunning(false);
    if (!result.ok) {
        m_output->clear();
        showError(tr("No answer: %1").arg(result.error));
        Q_EMIT finished(false);
        return;
    }
    m_lastAnswer = result.answer;
    DigContext context;
    context.server = m_server->text().trimmed();
    context.port = m_pendingPort;
    context.tcp = result.tcp;
    context.retriedOverTcp = result.retriedOverTcp;
    context.elapsedMs = result.elapsedMs;
    context.when = QDateTime::currentDateTime();
    QStringList command{QStringLiteral("@%1").arg(context.server), QStringLiteral("-p %1").arg(m_pendingPort),
                        m_pendingName, DigFormat::typeName(m_pendingType)};
    if (m_do->isChecked())
        command << QStringLiteral("+dnssec");
    if (m_tcp->isChecked())
        command << QStringLiteral("+tcp");
    context.commandLine = command.join(QLatin1Char(' '));
    m_output->setPlainText(DigFormat::format(result.answer, context));
    Q_EMIT finished(true);
}

} // namespace skydns::console
