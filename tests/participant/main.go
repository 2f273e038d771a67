// participant: a real LiveKit participant for lkstudy's integration tests.
//
// It joins a room with a token the test minted (server-sdk-go, WebRTC up before it reports),
// optionally publishes an Opus microphone track fed with silence, and reports on stdout, one line
// each:
//
//	JOINED <identity>
//	PUBLISHED <track sid>
//	DATA <topic> <payload>          (data packets it receives)
//	RPC <method> <payload>          (RPC calls it answers; method "echo" returns "echo:<payload>")
//	SUBSCRIBED <track sid>          (tracks it got subscribed to; it never subscribes by itself)
//	MUTED <track sid> / UNMUTED <track sid>
//	METADATA <room metadata>        (room metadata changes)
//	DISCONNECTED <reason>
//	ERROR <message>
//
// It leaves the room and exits when its standard input closes (or after DISCONNECTED). It does
// not reconnect: when the server drops its connection (a deleted room or a removal can close the
// media transport before the leave message is read, which would make the SDK resume or rejoin —
// and a rejoin re-creates a deleted room), it reports "DISCONNECTED CONNECTION_CLOSED" and exits.
// Usage: participant -url ws://127.0.0.1:PORT -token JWT [-publish]
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/livekit/protocol/livekit"
	lksdk "github.com/livekit/server-sdk-go/v2"
	"github.com/pion/webrtc/v4"
	"github.com/pion/webrtc/v4/pkg/media"
)

var outMu sync.Mutex

func report(format string, args ...any) {
	outMu.Lock()
	defer outMu.Unlock()
	line := fmt.Sprintf(format, args...)
	line = strings.ReplaceAll(line, "\n", " ")
	fmt.Fprintln(os.Stdout, line)
}

func main() {
	url := flag.String("url", "", "LiveKit URL (ws://...)")
	token := flag.String("token", "", "join token")
	publish := flag.Bool("publish", false, "publish an audio track")
	flag.Parse()
	if *url == "" || *token == "" {
		fmt.Fprintln(os.Stderr, "usage: participant -url URL -token JWT [-publish]")
		os.Exit(2)
	}

	done := make(chan struct{})
	var once sync.Once
	finish := func() { once.Do(func() { close(done) }) }

	pcb := lksdk.NewParticipantCallback()
	pcb.OnDataPacket = func(data lksdk.DataPacket, params lksdk.DataReceiveParams) {
		if u, ok := data.(*lksdk.UserDataPacket); ok {
			topic := u.Topic
			if topic == "" {
				topic = "-"
			}
			report("DATA %s %s", topic, string(u.Payload))
		}
	}
	pcb.OnTrackMuted = func(pub lksdk.TrackPublication, p lksdk.Participant) {
		report("MUTED %s", pub.SID())
	}
	pcb.OnTrackUnmuted = func(pub lksdk.TrackPublication, p lksdk.Participant) {
		report("UNMUTED %s", pub.SID())
	}
	pcb.OnTrackSubscribed = func(track *webrtc.TrackRemote, pub *lksdk.RemoteTrackPublication, rp *lksdk.RemoteParticipant) {
		report("SUBSCRIBED %s", pub.SID())
	}
	rcb := lksdk.NewRoomCallback()
	rcb.ParticipantCallback = *pcb
	rcb.OnRoomMetadataChanged = func(metadata string) { report("METADATA %s", metadata) }
	rcb.OnReconnecting = func() {
		report("DISCONNECTED CONNECTION_CLOSED")
		os.Exit(0)
	}
	rcb.OnDisconnectedWithReason = func(reason lksdk.DisconnectionReason) {
		report("DISCONNECTED %s", reason)
		finish()
	}

	room, err := lksdk.ConnectToRoomWithToken(*url, *token, rcb,
		lksdk.WithAutoSubscribe(false), lksdk.WithDisableRegionDiscovery())
	if err != nil {
		report("ERROR %v", err)
		os.Exit(1)
	}
	if err := room.RegisterRpcMethod("echo", func(d lksdk.RpcInvocationData) (string, error) {
		report("RPC echo %s", d.Payload)
		return "echo:" + d.Payload, nil
	}); err != nil {
		report("ERROR %v", err)
		os.Exit(1)
	}
	report("JOINED %s", room.LocalParticipant.Identity())

	if *publish {
		track, err := lksdk.NewLocalSampleTrack(webrtc.RTPCodecCapability{
			MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2})
		if err != nil {
			report("ERROR %v", err)
			os.Exit(1)
		}
		pub, err := room.LocalParticipant.PublishTrack(track, &lksdk.TrackPublicationOptions{
			Name: "mic", Source: livekit.TrackSource_MICROPHONE})
		if err != nil {
			report("ERROR %v", err)
			os.Exit(1)
		}
		// Opus silence every 20 ms, so the server sees media and marks the track published.
		go func() {
			silence := []byte{0xf8, 0xff, 0xfe}
			tick := time.NewTicker(20 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-done:
					return
				case <-tick.C:
					_ = track.WriteSample(media.Sample{Data: silence, Duration: 20 * time.Millisecond}, nil)
				}
			}
		}()
		report("PUBLISHED %s", pub.SID())
	}

	go func() {
		_, _ = io.Copy(io.Discard, bufio.NewReader(os.Stdin))
		finish()
	}()
	<-done
	room.Disconnect()
}
