package dev.corridor.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corridor.protocol.message.ControlMessage.AuthFailed;
import dev.corridor.protocol.message.ControlMessage.PushReply;
import dev.corridor.protocol.message.ControlMessage.SignalFlag;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ControlMessageParserTest {

    private static ControlMessage roundTrip(String text) {
        ControlMessage message = ControlMessageParser.parse(text);
        assertThat(ControlMessageParser.parse(message.text())).as("re-parsing %s", message.text()).isEqualTo(message);
        return message;
    }

    @Test
    void pushRequestAndExit() {
        assertThat(roundTrip("PUSH_REQUEST")).isEqualTo(new ControlMessage.PushRequest());
        assertThat(roundTrip("EXIT")).isEqualTo(new ControlMessage.Exit());
        assertThat(new ControlMessage.PushRequest().toBytes()).isEqualTo("PUSH_REQUEST\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(ControlMessageParser.parse("PUSH_REQUESTX")).isInstanceOf(ControlMessage.Unknown.class);
        assertThat(ControlMessageParser.parse("EXIT,now")).isInstanceOf(ControlMessage.Unknown.class);
    }

    @Test
    void pushReplyTakesOutTheContinuationOption() {
        PushReply more = (PushReply) roundTrip("PUSH_REPLY,route 10.0.0.0 255.0.0.0,push-continuation 2");
        assertThat(more.options()).containsExactly("route 10.0.0.0 255.0.0.0");
        assertThat(more.continuation()).isEqualTo(PushReply.Continuation.MORE);
        PushReply last = (PushReply) roundTrip("PUSH_REPLY,ping 1,push-continuation 1,");
        assertThat(last.continuation()).isEqualTo(PushReply.Continuation.LAST);
        PushReply whole = (PushReply) roundTrip("PUSH_REPLY, ping 1,,ping-restart 20");
        assertThat(whole.options()).containsExactly("ping 1", "ping-restart 20");
        assertThat(whole.continuation()).isEqualTo(PushReply.Continuation.NONE);
        assertThat(((PushReply) roundTrip("PUSH_REPLY")).options()).isEmpty();
    }

    @Test
    void pushReplyHidesTheAuthTokenInToString() {
        PushReply reply = (PushReply) ControlMessageParser.parse("PUSH_REPLY,auth-token SECRET123,ping 1");
        assertThat(reply.toString()).doesNotContain("SECRET123").contains("auth-token [redacted]").contains("ping 1");
        assertThat(reply.text()).contains("SECRET123");
    }

    @Test
    void authFailedPlainForms() {
        assertThat(roundTrip("AUTH_FAILED")).isEqualTo(AuthFailed.plain(""));
        assertThat(ControlMessageParser.parse("AUTH_FAILED,")).isEqualTo(AuthFailed.plain(""));
        assertThat(roundTrip("AUTH_FAILED,Invalid username or password"))
                .isEqualTo(AuthFailed.plain("Invalid username or password"));
        assertThat(roundTrip("AUTH_FAILED,Username or password is too long. Maximum length is 128 bytes"))
                .isEqualTo(AuthFailed.plain("Username or password is too long. Maximum length is 128 bytes"));
        assertThat(roundTrip("AUTH_FAILED,TEMPORARY outage")).isEqualTo(AuthFailed.plain("TEMPORARY outage"));
    }

    @Test
    void authFailedSession() {
        AuthFailed failed = (AuthFailed) roundTrip("AUTH_FAILED,SESSION: token expired");
        assertThat(failed.kind()).isInstanceOf(AuthFailed.Session.class);
        assertThat(failed.reason()).isEqualTo(" token expired");
    }

    @Test
    void authFailedTemporaryWithAndWithoutFlags() {
        AuthFailed full = (AuthFailed) roundTrip("AUTH_FAILED,TEMP[backoff 42,advance remote]:server busy: try later");
        assertThat(full.kind()).isEqualTo(new AuthFailed.Temp(OptionalInt.of(42),
                Optional.of(AuthFailed.Temp.Advance.REMOTE)));
        assertThat(full.reason()).isEqualTo("server busy: try later");

        AuthFailed bare = (AuthFailed) roundTrip("AUTH_FAILED,TEMP");
        assertThat(bare.kind()).isEqualTo(new AuthFailed.Temp(OptionalInt.empty(), Optional.empty()));
        assertThat(bare.reason()).isEmpty();

        AuthFailed noFlags = (AuthFailed) roundTrip("AUTH_FAILED,TEMP:later");
        assertThat(noFlags.reason()).isEqualTo("later");

        AuthFailed odd = (AuthFailed) ControlMessageParser.parse("AUTH_FAILED,TEMP[backoff x,advance sideways,junk]:m");
        assertThat(odd.kind()).isEqualTo(new AuthFailed.Temp(OptionalInt.empty(), Optional.empty()));
        assertThat(odd.reason()).isEqualTo("m");
        assertThat(AuthFailed.temporary(OptionalInt.of(5), Optional.of(AuthFailed.Temp.Advance.NO), "x").text())
                .isEqualTo("AUTH_FAILED,TEMP[backoff 5,advance no]:x");
    }

    @Test
    void authFailedCrv1FromAwsWithSlashesInTheStateAndColonsInTheUrl() {
        String url = "https://portal.sso.example.com/saml/assertion/MTIz?SAMLRequest=fZJdb4IwFIb%2FCuk9pSAqbRRzp1"
                + "&RelayState=https://x.example:8443/a:b";
        AuthFailed failed = (AuthFailed) roundTrip(
                "AUTH_FAILED,CRV1:R:instance-1/1234567890123456789/1b2c3d4e-aaaa-bbbb-cccc-0123456789ab:b'Ti9B':" + url);
        AuthFailed.Crv1 crv1 = (AuthFailed.Crv1) failed.kind();
        assertThat(crv1.flags()).containsExactly("R");
        assertThat(crv1.responseRequired()).isTrue();
        assertThat(crv1.echo()).isFalse();
        assertThat(crv1.stateId()).isEqualTo("instance-1/1234567890123456789/1b2c3d4e-aaaa-bbbb-cccc-0123456789ab");
        assertThat(crv1.usernameField()).isEqualTo("b'Ti9B'");
        assertThat(crv1.decodedUsername()).contains("N/A");
        assertThat(failed.reason()).isEqualTo(url);
    }

    @Test
    void authFailedCrv1WithSeveralFlagsAndColonsInTheText() {
        AuthFailed failed = (AuthFailed) roundTrip("AUTH_FAILED,CRV1:R,E:c3RhdGU=:Ym9i:Enter PIN: then press: OK");
        AuthFailed.Crv1 crv1 = (AuthFailed.Crv1) failed.kind();
        assertThat(crv1.flags()).containsExactly("R", "E");
        assertThat(crv1.echo()).isTrue();
        assertThat(crv1.stateId()).isEqualTo("c3RhdGU=");
        assertThat(crv1.decodedUsername()).contains("bob");
        assertThat(failed.reason()).isEqualTo("Enter PIN: then press: OK");
        AuthFailed.Crv1 noFlags = (AuthFailed.Crv1) ((AuthFailed) roundTrip("AUTH_FAILED,CRV1::s:u:")).kind();
        assertThat(noFlags.flags()).isEmpty();
        assertThat(noFlags.decodedUsername()).isEmpty(); // "u" is not base64
    }

    @Test
    void aTruncatedCrv1IsKeptAsPlainText() {
        assertThat(roundTrip("AUTH_FAILED,CRV1:R:state")).isEqualTo(AuthFailed.plain("CRV1:R:state"));
    }

    @Test
    void authPendingWithAndWithoutTimeout() {
        ControlMessage.AuthPending pending = (ControlMessage.AuthPending) roundTrip("AUTH_PENDING,timeout 300");
        assertThat(pending.timeoutSeconds()).hasValue(300);
        assertThat(((ControlMessage.AuthPending) roundTrip("AUTH_PENDING")).timeoutSeconds()).isEmpty();
        assertThat(((ControlMessage.AuthPending) roundTrip("AUTH_PENDING,foo,timeout x,timeout 7")).timeoutSeconds())
                .hasValue(7);
        assertThat(ControlMessage.AuthPending.withTimeout(60).text()).isEqualTo("AUTH_PENDING,timeout 60");
    }

    @Test
    void restartAndHaltWithFlags() {
        assertThat(roundTrip("RESTART")).isEqualTo(new ControlMessage.Restart(Set.of(), ""));
        assertThat(roundTrip("RESTART,server shutting down"))
                .isEqualTo(new ControlMessage.Restart(Set.of(), "server shutting down"));
        assertThat(roundTrip("RESTART,[P]:session timeout"))
                .isEqualTo(new ControlMessage.Restart(EnumSet.of(SignalFlag.PRESERVE_CREDENTIALS), "session timeout"));
        assertThat(roundTrip("RESTART,[PN]")).isEqualTo(new ControlMessage.Restart(
                EnumSet.of(SignalFlag.PRESERVE_CREDENTIALS, SignalFlag.NEXT_SERVER), ""));
        assertThat(ControlMessageParser.parse("RESTART,[NP]x")).isEqualTo(new ControlMessage.Restart(
                EnumSet.of(SignalFlag.PRESERVE_CREDENTIALS, SignalFlag.NEXT_SERVER), "x"));
        assertThat(roundTrip("HALT,[N]:maintenance")).isEqualTo(
                new ControlMessage.Halt(EnumSet.of(SignalFlag.NEXT_SERVER), "maintenance"));
        assertThat(roundTrip("HALT,bye")).isEqualTo(new ControlMessage.Halt(Set.of(), "bye"));
        assertThat(new ControlMessage.Restart(Set.of(), "[not flags]").text()).isEqualTo("RESTART,[]:[not flags]");
        roundTrip(new ControlMessage.Restart(Set.of(), "[not flags]").text());
    }

    @Test
    void infoFormsIncludingChallengesAndWebAuth() {
        assertThat(roundTrip("INFO,Welcome to Example Corp")).isEqualTo(new ControlMessage.Info("Welcome to Example Corp"));
        assertThat(roundTrip("INFO_PRE,hello")).isEqualTo(new ControlMessage.InfoPre("hello"));
        assertThat(roundTrip("INFO_PRE,CR_TEXT:R,E:Enter your OTP: "))
                .isEqualTo(new ControlMessage.CrText(List.of("R", "E"), "Enter your OTP: ", true));
        assertThat(roundTrip("INFO,WEB_AUTH:external,hidden:https://idp.example/login?x=1:2"))
                .isEqualTo(new ControlMessage.WebAuth(List.of("external", "hidden"), "https://idp.example/login?x=1:2",
                        false, false));
        assertThat(roundTrip("INFO_PRE,WEB_AUTH:proxy=[fd00::1];8080;dQ==;cA==,external:https://idp/"))
                .isEqualTo(new ControlMessage.WebAuth(List.of("proxy=[fd00::1];8080;dQ==;cA==", "external"),
                        "https://idp/", true, false));
        assertThat(roundTrip("INFO_PRE,OPEN_URL:https://idp/start"))
                .isEqualTo(new ControlMessage.WebAuth(List.of(), "https://idp/start", true, true));
        assertThat(roundTrip("INFO,CR_TEXT:no second colon")).isEqualTo(new ControlMessage.Info("CR_TEXT:no second colon"));
    }

    @Test
    void crResponseCarriesBase64AndHidesIt() {
        ControlMessage.CrResponse response = ControlMessage.CrResponse.forAnswer("123456");
        assertThat(response.text()).isEqualTo("CR_RESPONSE,MTIzNDU2");
        assertThat(roundTrip(response.text())).isEqualTo(response);
        assertThat(response.decodedAnswer()).contains("123456");
        assertThat(response.toString()).doesNotContain("MTIzNDU2").doesNotContain("123456");
        assertThat(new ControlMessage.CrResponse("%%%").decodedAnswer()).isEmpty();
    }

    @Test
    void anythingElseIsUnknownAndKeptVerbatim() {
        assertThat(roundTrip("PUSH_UPDATE,route 10.1.0.0 255.255.0.0"))
                .isEqualTo(new ControlMessage.Unknown("PUSH_UPDATE,route 10.1.0.0 255.255.0.0"));
        assertThat(roundTrip("ACC,x,y")).isInstanceOf(ControlMessage.Unknown.class);
        assertThat(roundTrip("")).isEqualTo(new ControlMessage.Unknown(""));
        assertThat(ControlMessageParser.parse(null)).isEqualTo(new ControlMessage.Unknown(""));
    }

    @Test
    void writersRefuseTextsThatCannotTravel() {
        assertThatThrownBy(() -> new ControlMessage.Info("a\nb").toBytes()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PushReply.of(List.of("route a,b"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PushReply.of(List.of("push-continuation 2"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthFailed.crv1(List.of("R"), "a:b", "u", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThat(AuthFailed.crv1(List.of("R"), "inst/1", "b'Ti9B'", "https://x").toBytes())
                .isEqualTo("AUTH_FAILED,CRV1:R:inst/1:b'Ti9B':https://x\0".getBytes(StandardCharsets.US_ASCII));
    }
}
