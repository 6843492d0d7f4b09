#include "WelcomePage.h"

#include "Orchestrator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace aiband {
namespace {

QLabel *paragraph(const QString &text)
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel *heading(const QString &text)
{
    auto *label = new QLabel(text);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

WelcomePage::WelcomePage(Orchestrator &orchestrator, DesktopOpener opener, QWidget *parent)
    : QWidget(parent), m_orchestrator(orchestrator), m_opener(std::move(opener))
{
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(tr("Welcome to AI Band Orchestrator"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);
    layout->addWidget(title);

    layout->addSpacing(8);
    layout->addWidget(heading(tr("What it does")));
    layout->addWidget(paragraph(tr("It is your band: give it chords and a style, and it writes bass, drums, keys "
                                   "and guitar parts as MIDI files. The AI Band plugin in your DAW asks for them "
                                   "and plays them along with your song.")));

    layout->addSpacing(8);
    layout->addWidget(heading(tr("Where the files go")));
    m_folder = paragraph(QString());
    m_folder->setObjectName(QStringLiteral("folder"));
    auto *open = new QPushButton(tr("Open folder"));
    open->setObjectName(QStringLiteral("openFolder"));
    connect(open, &QPushButton::clicked, this, [this] { m_opener.open(filesFolder(), this); });
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(open);
    layout->addLayout(folderRow);

    layout->addSpacing(8);
    layout->addWidget(heading(tr("Connect your DAW")));
    layout->addWidget(paragraph(tr("In the AI Band plugin's settings, choose the folder above as its files folder: "
                                   "the plugin picks up each new take from there.")));
    m_server = paragraph(QString());
    m_server->setObjectName(QStringLiteral("server"));
    layout->addWidget(m_server);

    layout->addSpacing(8);
    layout->addWidget(heading(tr("Try it now")));
    layout->addWidget(paragraph(tr("No plugin yet? Type a few chords and see what the band makes of them.")));
    auto *tryIt = new QPushButton(tr("Try it"));
    tryIt->setObjectName(QStringLiteral("tryIt"));
    connect(tryIt, &QPushButton::clicked, this, &WelcomePage::tryItRequested);
    layout->addWidget(tryIt, 0, Qt::AlignLeft);
    layout->addStretch();

    const auto refresh = [this] {
        m_folder->setText(filesFolder());
        m_server->setText(tr("A plugin that talks to the server uses %1 (Settings → General → Port).")
                              .arg(m_orchestrator.baseUrl().toString()));
    };
    connect(&orchestrator, &Orchestrator::runningChanged, this, refresh);
    connect(&orchestrator, &Orchestrator::listenAddressChanged, this, refresh);
    refresh();
}

// The folder plugins watch (plugin.folder), where the newest take's parts appear; the takes
// themselves are kept in its "takes" folder.
QString WelcomePage::filesFolder() const
{
    return m_orchestrator.config().filesDir;
}

QString WelcomePage::firstStartKey()
{
    return QStringLiteral("ui/welcome_seen");
}

bool WelcomePage::isFirstStart()
{
    return !QSettings().value(firstStartKey(), false).toBool();
}

void WelcomePage::markSeen()
{
    QSettings().setValue(firstStartKey(), true);
}

} // namespace aiband
