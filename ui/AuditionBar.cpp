#include "AuditionBar.h"

#include "AuditionPlayer.h"
#include "PartTitle.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

namespace aiband {
namespace {

QString clockText(double seconds)
{
    const int whole = static_cast<int>(seconds);
    return QStringLiteral("%1:%2").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
}

QString askWhereToSave(QWidget *parent, const QString &suggestedName)
{
    return QFileDialog::getSaveFileName(parent, AuditionBar::tr("Export audio"),
                                        QDir::home().filePath(suggestedName),
                                        AuditionBar::tr("WAV audio (*.wav);;Ogg Vorbis audio (*.ogg)"));
}

} // namespace

AuditionBar::AuditionBar(Orchestrator &orchestrator, QWidget *parent)
    : QWidget(parent),
      m_player(new AuditionPlayer(orchestrator, this)),
      m_chooser(askWhereToSave),
      m_title(new QLabel),
      m_play(new QPushButton(tr("&Play"))),
      m_stop(new QPushButton(tr("S&top"))),
      m_loop(new QCheckBox(tr("&Loop"))),
      m_position(new QLabel),
      m_export(new QPushButton(tr("E&xport audio…"))),
      m_partRows(new QGridLayout),
      m_message(new QLabel)
{
    m_play->setObjectName(QStringLiteral("auditionPlay"));
    m_stop->setObjectName(QStringLiteral("auditionStop"));
    m_loop->setObjectName(QStringLiteral("auditionLoop"));
    m_export->setObjectName(QStringLiteral("auditionExport"));
    m_message->setObjectName(QStringLiteral("auditionMessage"));
    m_play->setToolTip(tr("Play the parts together through the General MIDI synthesizer."));
    m_stop->setToolTip(tr("Stop and go back to the start."));
    m_loop->setToolTip(tr("Start again from the top at the end of the song."));
    m_export->setToolTip(tr("Save the parts as they sound now (mutes and volumes included) as a WAV or Ogg file."));
    m_title->setWordWrap(true);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_play);
    controls->addWidget(m_stop);
    controls->addWidget(m_loop);
    controls->addWidget(m_position, 1);
    controls->addWidget(m_export);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(controls);
    layout->addLayout(m_partRows);
    layout->addWidget(m_message);

    connect(m_play, &QPushButton::clicked, m_player, &AuditionPlayer::play);
    connect(m_stop, &QPushButton::clicked, m_player, &AuditionPlayer::stop);
    connect(m_loop, &QCheckBox::toggled, m_player, &AuditionPlayer::setLooping);
    connect(m_export, &QPushButton::clicked, this, &AuditionBar::exportAudio);
    connect(m_player, &AuditionPlayer::stateChanged, this, &AuditionBar::updateControls);
    connect(m_player, &AuditionPlayer::partsChanged, this, &AuditionBar::rebuildParts);
    connect(m_player, &AuditionPlayer::positionChanged, this, &AuditionBar::updatePosition);
    connect(m_player, &AuditionPlayer::messageChanged, this, &AuditionBar::showMessage);
    connect(m_player, &AuditionPlayer::exportFinished, this, [this](const QString &path, const QString &error) {
        m_export->setEnabled(!m_player->parts().isEmpty());
        showMessage(error.isEmpty() ? tr("Exported to %1.").arg(QDir::toNativeSeparators(path)) : error);
    });
    rebuildParts();
}

void AuditionBar::setTake(const QStringList &fileNames)
{
    m_player->setTake(fileNames);
}

void AuditionBar::setTitle(const QString &title)
{
    m_title->setText(title);
}

QString AuditionBar::message() const
{
    return m_message->text();
}

void AuditionBar::showMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void AuditionBar::rebuildParts()
{
    qDeleteAll(m_partWidgets);
    m_partWidgets.clear();
    delete m_soloButtons;
    const QList<AuditionPlayer::Part> &parts = m_player->parts();
    auto *solo = m_soloButtons = new QButtonGroup(this);
    solo->setExclusive(false);   // at most one, and none at all for the whole take
    for (int i = 0; i < parts.size(); ++i) {
        const QString title = parts[i].trackType.isEmpty() ? parts[i].fileName : partTitle(parts[i].trackType);
        auto *name = new QLabel(title);
        name->setToolTip(parts[i].fileName);
        auto *mute = new QToolButton;
        mute->setText(tr("Mute"));
        mute->setCheckable(true);
        mute->setObjectName(QStringLiteral("auditionMute-%1").arg(i));
        mute->setToolTip(tr("Silence %1.").arg(title));
        auto *only = new QToolButton;
        only->setText(tr("Play this part only"));
        only->setCheckable(true);
        only->setObjectName(QStringLiteral("auditionSolo-%1").arg(i));
        solo->addButton(only, i);
        auto *volume = new QSlider(Qt::Horizontal);
        volume->setRange(0, 100);
        volume->setValue(100);
        volume->setObjectName(QStringLiteral("auditionVolume-%1").arg(i));
        volume->setToolTip(tr("Volume of %1").arg(title));
        volume->setMinimumWidth(120);
        connect(mute, &QToolButton::toggled, m_player, [this, i](bool on) { m_player->setMuted(i, on); });
        connect(volume, &QSlider::valueChanged, m_player, [this, i](int value) { m_player->setVolume(i, value / 100.0); });
        m_partRows->addWidget(name, i, 0);
        m_partRows->addWidget(mute, i, 1);
        m_partRows->addWidget(only, i, 2);
        m_partRows->addWidget(volume, i, 3);
        m_partWidgets << name << mute << only << volume;
    }
    connect(solo, &QButtonGroup::idToggled, this, [this, solo](int id, bool on) {
        if (!on) {
            if (m_player->soloPart() == id)
                m_player->setSolo(-1);
            return;
        }
        for (QAbstractButton *other : solo->buttons())
            if (other != solo->button(id))
                other->setChecked(false);
        m_player->setSolo(id);
    });
    m_partRows->setColumnStretch(3, 1);
    updateControls();
    updatePosition(0.0);
}

void AuditionBar::updateControls()
{
    const AuditionPlayer::State state = m_player->state();
    const bool hasTake = !m_player->parts().isEmpty();
    m_play->setEnabled(hasTake && state == AuditionPlayer::State::Ready);
    m_stop->setEnabled(state == AuditionPlayer::State::Playing || state == AuditionPlayer::State::Rendering);
    m_export->setEnabled(hasTake);
    if (state == AuditionPlayer::State::Rendering)
        m_position->setText(tr("Preparing the sound…"));
    else
        updatePosition(m_player->position());
}

void AuditionBar::updatePosition(double seconds)
{
    if (m_player->state() == AuditionPlayer::State::Rendering)
        return;
    m_position->setText(m_player->parts().isEmpty()
                            ? QString()
                            : tr("%1 / %2").arg(clockText(seconds), clockText(m_player->length())));
}

void AuditionBar::exportAudio()
{
    const QStringList files = m_player->fileNames();
    if (files.isEmpty())
        return;
    const QString suggested = QFileInfo(files.first()).completeBaseName() + QStringLiteral(".wav");
    const QString path = m_chooser(this, suggested);
    if (path.isEmpty())
        return;
    m_export->setEnabled(false);
    showMessage(tr("Exporting %1…").arg(QFileInfo(path).fileName()));
    m_player->exportAudio(path);
}

} // namespace aiband
