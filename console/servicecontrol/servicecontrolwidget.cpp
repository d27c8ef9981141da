#include "servicecontrolwidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace skydns::console {

using platform::ServiceState;

ServiceControlWidget::ServiceControlWidget(QWidget *parent)
    : QWidget(parent)
    , m_ownRunner(std::make_unique<QProcessRunner>())
{
    platform::ServiceSpec spec;
    spec.binary = ServiceController::defaultServiceBinary();
    m_controller = new ServiceController(platform::hostPlatform(), spec, spec.binary, platform::isElevated(),
                                         m_ownRunner.get(), this);
    build();
    m_controller->refresh();
}

ServiceControlWidget::ServiceControlWidget(ServiceController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
{
    build();
    m_controller->refresh();
}

// Members are destroyed before ~QWidget deletes the children, so without this the runner (and the
// process it may still be waiting for) would go first and could report to a controller mid-teardown.
ServiceControlWidget::~ServiceControlWidget()
{
    if (m_ownRunner)
        delete m_controller;
}

QString ServiceControlWidget::stateText(ServiceState state)
{
    switch (state) {
    case ServiceState::NotInstalled: return tr("Not installed");
    case ServiceState::Stopped: return tr("Stopped");
    case ServiceState::Starting: return tr("Starting");
    case ServiceState::Running: return tr("Running");
    case ServiceState::Stopping: return tr("Stopping");
    case ServiceState::Failed: return tr("Failed");
    case ServiceState::Unknown: break;
    }
    return tr("Unknown");
}

void ServiceControlWidget::build()
{
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("serviceStateLabel"));
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("serviceErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b00020"));
    m_startButton = new QPushButton(tr("Start"), this);
    m_stopButton = new QPushButton(tr("Stop"), this);
    m_restartButton = new QPushButton(tr("Restart"), this);
    m_refreshButton = new QPushButton(tr("Refresh"), this);
    m_startButton->setToolTip(tr("Start the SkyDNS service (asks for administrator rights)"));
    m_stopButton->setToolTip(tr("Stop the SkyDNS service (asks for administrator rights)"));
    m_restartButton->setToolTip(tr("Restart the SkyDNS service (asks for administrator rights)"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_startButton);
    buttons->addWidget(m_stopButton);
    buttons->addWidget(m_restartButton);
    buttons->addStretch();
    buttons->addWidget(m_refreshButton);
    auto *layout = new QVBoxLayout(this);
    auto *stateRow = new QHBoxLayout;
    stateRow->addWidget(new QLabel(tr("SkyDNS service:"), this));
    stateRow->addWidget(m_stateLabel, 1);
    layout->addLayout(stateRow);
    layout->addLayout(buttons);
    layout->addWidget(m_errorLabel);

    connect(m_startButton, &QPushButton::clicked, m_controller, &ServiceController::start);
    connect(m_stopButton, &QPushButton::clicked, m_controller, &ServiceController::stop);
    connect(m_restartButton, &QPushButton::clicked, m_controller, &ServiceController::restart);
    connect(m_refreshButton, &QPushButton::clicked, m_controller, &ServiceController::refresh);
    connect(m_controller, &ServiceController::stateChanged, this, &ServiceControlWidget::showState);
    connect(m_controller, &ServiceController::busyChanged, this, &ServiceControlWidget::updateButtons);
    connect(m_controller, &ServiceController::failed, m_errorLabel, &QLabel::setText);

    // Services also change behind the console's back (systemctl, a crash): poll, cheaply.
    m_timer = new QTimer(this);
    m_timer->setInterval(5000);
    connect(m_timer, &QTimer::timeout, m_controller, &ServiceController::refresh);
    m_timer->start();
    showState(m_controller->state());
}

void ServiceControlWidget::showState(ServiceState state)
{
    m_stateLabel->setText(stateText(state));
    if (state != ServiceState::Unknown && m_controller->lastError().isEmpty())
        m_errorLabel->clear();
    updateButtons();
}

void ServiceControlWidget::updateButtons()
{
    const ServiceState state = m_controller->state();
    const bool idle = !m_controller->busy();
    // Unknown (no service manager answer) leaves every action available: the command will say why it fails.
    const bool unknown = state == ServiceState::Unknown;
    m_startButton->setEnabled(idle && (unknown || state == ServiceState::Stopped || state == ServiceState::Failed));
    m_stopButton->setEnabled(idle && (unknown || state == ServiceState::Running || state == ServiceState::Starting));
    m_restartButton->setEnabled(idle && (unknown || state == ServiceState::Running || state == ServiceState::Failed));
    m_refreshButton->setEnabled(idle);
}

} // namespace skydns::console
