#pragma once
// servicehost runs the skydns service's main body under the platform's service manager. Only Windows
// needs this (the SCM must be answered through its dispatcher); systemd and launchd start the
// program as is.

namespace skydns::platform {

// ServiceMain is the service's real main body.
using ServiceMain = int (*)(int argc, char **argv);

// runServiceHost calls serviceMain. On Windows, when the SCM started the process, it does so on the
// SCM's service thread, turns an SCM stop into QCoreApplication::quit() (requestServiceStop) and
// copies Qt's messages (info and above) to the Event Log; otherwise (console mode, and on every
// other system) it just calls serviceMain.
int runServiceHost(int argc, char **argv, ServiceMain serviceMain);

// watchForStopRequests makes requestServiceStop also reach a QCoreApplication created later
// (runServiceHost calls it before serviceMain, which creates the application).
void watchForStopRequests();

// requestServiceStop asks the service's event loop to quit, from any thread, even before the
// QCoreApplication exists (it then quits as soon as its event loop runs).
void requestServiceStop();

} // namespace skydns::platform
