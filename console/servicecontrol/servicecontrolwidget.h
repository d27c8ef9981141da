#pragma once
// ServiceControlWidget shows the state of the local SkyDNS service and starts, stops and restarts
// it through ServiceController (and so through common/platform), asking for administrator rights
// where the platform needs them. The main window hosts it; it refreshes itself every few seconds.
#include "servicecontroller.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;

namespace skydns::console {

// ServiceControlWidget is a small panel: state, Start / Stop / Restart / Refresh, last error.
class ServiceControlWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceControlWidget)

public:
    // ServiceControlWidget controls the default service of this system with a real process runner.
    explicit ServiceControlWidget(QWidget *parent = nullptr);
    // ServiceControlWidget uses controller (not owned; tests pass one over a scripted runner).
    explicit ServiceControlWidget(ServiceController *controller, QWidget *parent = nullptr);
    ~ServiceControlWidget() override;

    // controller is the controller the buttons drive.
    ServiceController *controller() const { return m_controller; }
    // stateText is the state as shown ("Running", "Not installed", ...).
    static QString stateText(platform::ServiceState state);

    // The widgets, for tests and for the window that hosts the panel.
    QLabel *stateLabel() const { return m_stateLabel; }
    QLabel *errorLabel() const { return m_errorLabel; }
    QPushButton *startButton() const { return m_startButton; }
    QPushButton *stopButton() const { return m_stopButton; }
    QPushButton *restartButton() const { return m_restartButton; }
    QPushButton *refreshButton() const { return m_refreshButton; }
    // refreshTimer triggers the periodic status query (5 s).
    QTimer *refreshTimer() const { return m_timer; }

private:
    void build();
    void updateButtons();
    void showState(platform::ServiceState state);

    std::unique_ptr<QProcessRunner> m_ownRunner;
    ServiceController *m_controller = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QPushButton *m_startButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QPushButton *m_restartButton = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QTimer *m_timer = nullptr;
};

} // namespace skydns::console
