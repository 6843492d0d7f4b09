// Keeping live bands ahead of the transport (core/session/LiveFollow) on a clock the test turns:
// the beats sent ahead while the transport stands, a chord that replaces beats already sent,
// a late chord's next beat, a start where the band stood ready, a relocation, and a band that
// plays on for the session that followed it after its starter left and started again.

#include "BuiltInStyles.h"

#include "session/LiveFollow.h"
#include "session/TransportClock.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace aiband;

namespace {

LiveStartRequest request(QList<TrackType> parts = {TrackType::Bass}, double lookahead = 4.0)
{
    LiveStartRequest start;
    start.style = test::style("pop");
    start.seed = 5;
    start.parts = std::move(parts);
    start.lookaheadBeats = lookahead;
    return start;
}

LiveStartRequest following(const QString &pluginId, QList<TrackType> parts)
{
    LiveStartRequest start = request(std::move(parts));
    start.follow = pluginId;
    start.style = nullptr;
    return start;
}

Chord chordOf(const char *symbol)
{
    return parseChord(QLatin1String(symbol)).value();
}

TransportState playingAt(double beat, double tempo = 120.0, TimeSignature meter = {})
{
    TransportState state;
    state.playing = true;
    state.beat = beat;
    state.tempoBpm = tempo;
    state.timeSignature = meter;
    return state;
}

} // namespace

class TestLiveFollow : public QObject {
    Q_OBJECT

    qint64 m_nowMs = 0;
    std::unique_ptr<TransportClock> m_transport;
    std::unique_ptr<LiveFollow> m_live;

    LiveEvents lastEventsFor(const QSignalSpy &spy, const QString &pluginId) const
    {
        for (qsizetype i = spy.size() - 1; i >= 0; --i)
            if (spy.at(i).at(0).toString() == pluginId)
                return spy.at(i).at(1).value<LiveEvents>();
        return {};
    }

    void moveTransport(const TransportState &state)
    {
        m_transport->set(state, QStringLiteral("test"));
        m_live->transportChanged();
    }

private slots:
    void init()
    {
        qRegisterMetaType<LiveEvents>();
        m_nowMs = 0;
        m_transport = std::make_unique<TransportClock>([this] { return m_nowMs; });
        m_live = std::make_unique<LiveFollow>(*m_transport);
    }

    void cleanup()
    {
        m_live.reset();
        m_transport.reset();
    }

    void whileTheTransportStandsTheBeatsAheadAreSentAtOnce()
    {
        QSignalSpy sent(m_live.get(), &LiveFollow::eventsReady);
        QList<QString> told;
        QVERIFY(m_live->start(QStringLiteral("gtr"), request(), [&](const LiveSessionInfo &info) {
            told.append(info.band);
            QCOMPARE(sent.size(), 0);   // told what it joined before any note
        }));
        QCOMPARE(told, QList<QString>{QStringLiteral("gtr")});
        QCOMPARE(sent.size(), 1);
        const LiveEvents primed = lastEventsFor(sent, QStringLiteral("gtr"));
        QCOMPARE(primed.fromBeat, 0.0);
        QCOMPARE(primed.toBeat, 4.0);
        QCOMPARE(primed.replacesFromBeat, std::optional<double>(0.0));
        QVERIFY(primed.events.isEmpty());   // nothing heard yet: the bass rests
    }

    void aChordReplacesTheBeatsAlreadySentFromWhereItPlays()
    {
        QSignalSpy sent(m_live.get(), &LiveFollow::eventsReady);
        QVERIFY(m_live->start(QStringLiteral("gtr"), request(), {}));
        const Result<HeardChord> heard = m_live->hearChord(QStringLiteral("gtr"), 2.0, chordOf("A"));
        QVERIFY(heard);
        QCOMPARE(heard->playedFrom, 2.0);   // the transport stands: any beat can still be played
        const LiveEvents again = lastEventsFor(sent, QStringLiteral("gtr"));
        QCOMPARE(again.replacesFromBeat, std::optional<double>(2.0));
        QCOMPARE(again.fromBeat, 2.0);
        QCOMPARE(again.toBeat, 4.0);
        QVERIFY(!again.events.isEmpty());
        QCOMPARE(again.events.first().pitch % 12, 9);
    }

    void aStartWhereTheBandStoodReadySendsNothingAgain()
    {
        QSignalSpy sent(m_live.get(), &LiveFollow::eventsReady);
        QVERIFY(m_live->start(QStringLiteral("gtr"), request(), {}));
        QVERIFY(m_live->hearChord(QStringLiteral("gtr"), 0.0, chordOf("C")));
        const qsizetype before = sent.size();
        moveTransport(playingAt(0.0));
        QCOMPARE(sent.size(), before);   // the next beats come from the timer, later
    }

    void aLateChordPlaysFromTheNextBeatThatCanStillBeSent()
    {
        QSignalSpy sent(m_live.get(), &LiveFollow::eventsReady);
        QVERIFY(m_live->start(QStringLiteral("gtr"), request(), {}));
        QVERIFY(m_live->hearChord(QStringLiteral("gtr"), 0.0, chordOf("C")));
        moveTransport(playingAt(0.0));
        m_nowMs = 5000 - 10;   // 10 ms before beat 10 at 120 BPM: too close to send it in time
        const Result<HeardChord> late = m_live->hearChord(QStringLiteral("gtr"), 9.0, chordOf("F"));
        QVERIFY(late);
        QCOMPARE(late->beat, 9.0);
        QCOMPARE(late->playedFrom, 11.0);
        m_nowMs = 5000 + 100;   // beat 10.2
        const Result<HeardChord> ahead = m_live->hearChord(QStringLiteral("gtr"), 11.5, chordOf("G"));
        QCOMPARE(ahead->playedFrom, 11.5);   // more than a beat ahead: where the player put it
    }

    void aRelocationSendsTheBeatsAheadOfTheNewPosition()
    {
        QSignalSpy sent(m_live.get(), &LiveFollow::eventsReady);
        QVERIFY(m_live->start(QStringLiteral("gtr"), request(), {}));
        QVERIFY(m_live->hearChord(QStringLiteral("gtr"), 0.0, chordOf("C")));
        moveTransport(playingAt(0.0));
        m_nowMs = 2000;
        moveTransport(playingAt(32.5));   // the DAW jumped
        const LiveEvents jumped = lastEventsFor(sent, QStringLiteral("gtr"));
        QCOMPARE(jumped.replacesFromBeat, std::optional<double>(32.5));
        QCOMPARE(jumped.fromBeat, 33.0);
        QCOMPARE(jumped.toBeat, 37.0);
        m_nowMs = 2100;
        const qsizetype before = sent.size();
        moveTransport(playingAt(32.5 + 0.2 + 0.01));   // a report a hair off the extrapolation
        QCOMPARE(sent.size(), before);
    }

    void aBandPlaysOnForItsFollowerAfterItsStarterStartsAgain()
    {
        QVERIFY(m_live->start(QStringLiteral("gtr"), request(), {}));
        QVERIFY(m_live->start(QStringLiteral("drums"), following(QStringLiteral("gtr"), {TrackType::Drums}), {}));
        QVERIFY(m_live->stop(QStringLiteral("gtr")));
        QVERIFY(m_live->start(QStringLiteral("gtr"), request(), {}));   // a band of its own again
        QVERIFY(m_live->hearChord(QStringLiteral("drums"), 0.0, chordOf("C")));
        moveTransport(playingAt(0.0));
        m_nowMs = 500;
        moveTransport(playingAt(1.0, 120.0, TimeSignature{3, 4}));
        const Result<LiveTake> take = m_live->take(QStringLiteral("drums"), {});
        QVERIFY2(take, qPrintable(take ? QString() : take.error().message));
        QCOMPARE(take->meter, (TimeSignature{3, 4}));   // the first band heard the meter change
        QCOMPARE(take->parts, QList<TrackType>{TrackType::Drums});
    }

    void atMostSixtyFourSessionsAreLiveAtOnce()
    {
        for (int i = 0; i < LiveFollow::kMaxLiveSessions; ++i)
            QVERIFY(m_live->start(QStringLiteral("p%1").arg(i), request(), {}));
        const Status refused = m_live->start(QStringLiteral("one-more"), request(), {});
        QCOMPARE(refused.error().code, QStringLiteral("too_many_live_sessions"));
        QVERIFY(m_live->stop(QStringLiteral("p0")));
        QVERIFY(m_live->start(QStringLiteral("one-more"), request(), {}));
    }

    void messagesFromASessionThatIsNotLiveAreRefused()
    {
        QCOMPARE(m_live->hearChord(QStringLiteral("x"), 0.0, chordOf("C")).error().code, QStringLiteral("not_live"));
        QCOMPARE(m_live->take(QStringLiteral("x"), {}).error().code, QStringLiteral("not_live"));
        QVERIFY(!m_live->stop(QStringLiteral("x")));
        QVERIFY(m_live->start(QStringLiteral("gtr"), request(), {}));
        QCOMPARE(m_live->start(QStringLiteral("gtr"), request(), {}).error().code, QStringLiteral("already_live"));
        QCOMPARE(m_live->start(QStringLiteral("b"), following(QStringLiteral("nobody"), {TrackType::Bass}), {}).error().code,
                 QStringLiteral("unknown_band"));
        QCOMPARE(m_live->take(QStringLiteral("gtr"), {}).error().code, QStringLiteral("nothing_played"));
    }
};

QTEST_GUILESS_MAIN(TestLiveFollow)
#include "tst_live_follow.moc"
