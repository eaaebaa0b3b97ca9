/* The relative's join page: code → rules → camera/micro check → call → end.
   Plain JS, no build step. The media goes to central's relay only (one peer
   connection, complete offer/answer over HTTP, no trickle ICE). */
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const app = $("app");
  const params = new URLSearchParams(location.search);
  const state = {
    token: null,
    call: null,
    rules: null,
    stream: null,
    pc: null,
    channel: null,
    audioCtx: null,
    meterTimer: null,
    ended: false,
    secondsLeft: null,
    connectedS: 0,
    timerBase: null,
    tick: null,
  };
  // Exposed for tests and support (no secrets: the join token is short-lived and per call).
  window.parloir = state;

  const MESSAGES = {
    network: "Le serveur ne répond pas. Vérifiez votre connexion internet puis réessayez.",
    code_format: "Le code comporte 6 chiffres. Vérifiez le SMS et saisissez-le à nouveau.",
    rules: "Cochez chaque règle et répondez à la question sur les mineurs pour continuer.",
    denied: "Vous avez refusé l'accès à la caméra ou au micro. Autorisez-les dans les réglages de votre navigateur pour ce site, puis rechargez la page.",
    no_device: "Aucune caméra ou aucun micro n'a été trouvé. Branchez-en un ou utilisez un téléphone, puis rechargez la page.",
    busy_device: "La caméra ou le micro est déjà utilisé par une autre application. Fermez-la puis rechargez la page.",
    device: "La caméra ou le micro ne fonctionne pas. Rechargez la page ou essayez un autre appareil.",
    insecure: "Cette page doit être ouverte avec une adresse sécurisée (https) pour utiliser la caméra.",
    media_failed: "La connexion vidéo n'a pas pu s'établir. Vérifiez votre connexion internet puis réessayez.",
  };
  const END_REASONS = {
    booth_hangup: "Votre proche a raccroché.",
    relative_hangup: "Vous avez raccroché.",
    max_duration: "La durée maximale de l'appel (30 minutes) est atteinte.",
    slot_end: "Le créneau réservé est terminé.",
    balance: "Le crédit de communication de votre proche est épuisé.",
    relative_never_joined: "Le délai pour rejoindre l'appel est dépassé.",
    relative_left: "La connexion a été interrompue trop longtemps.",
    booth_lost: "La connexion avec la cabine a été perdue.",
    ended_by_central: "L'appel a été terminé par l'établissement.",
    monitor: "L'appel a été terminé par l'établissement.",
    server_shutdown: "Le service a été interrompu. Votre proche pourra vous rappeler.",
  };

  function show(step) {
    app.dataset.step = step;
    document.querySelectorAll("section.step").forEach((s) => {
      s.hidden = s.dataset.step !== step;
    });
    document.body.classList.toggle("in-call", step === "call");
    const h = document.querySelector(`section[data-step="${step}"] h1`);
    if (h) { h.setAttribute("tabindex", "-1"); h.focus({ preventScroll: true }); }
  }

  function showError(id, text) {
    const el = $(id);
    el.textContent = text || "";
    el.hidden = !text;
  }

  function busy(button, on) {
    button.disabled = on;
    button.classList.toggle("busy", on);
    button.querySelector(".icon")?.classList.toggle("spin", on);
  }

  async function api(path, body, opts = {}) {
    let resp;
    try {
      resp = await fetch(path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body || {}),
        keepalive: !!opts.keepalive,
      });
    } catch (e) {
      const err = new Error(MESSAGES.network); err.code = "network"; throw err;
    }
    let data = null;
    try { data = await resp.json(); } catch (e) { data = null; }
    if (!resp.ok) {
      const info = (data && data.error) || {};
      const err = new Error(info.message || MESSAGES.network);
      err.code = info.code || `http_${resp.status}`;
      err.status = resp.status;
      throw err;
    }
    return data || {};
  }

  function supported() {
    return !!(window.RTCPeerConnection && navigator.mediaDevices &&
              navigator.mediaDevices.getUserMedia);
  }

  // ---- 1. code --------------------------------------------------------------------
  const codeInput = $("code");
  codeInput.addEventListener("input", () => {
    const digits = codeInput.value.replace(/\D/g, "").slice(0, 6);
    if (codeInput.value !== digits) codeInput.value = digits;
    codeInput.removeAttribute("aria-invalid");
    showError("code-error", "");
  });
  codeInput.addEventListener("paste", (ev) => {
    const text = (ev.clipboardData || window.clipboardData)?.getData("text") || "";
    const digits = text.replace(/\D/g, "").slice(0, 6);
    if (digits) { ev.preventDefault(); codeInput.value = digits; codeInput.dispatchEvent(new Event("input")); }
  });

  $("code-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const code = codeInput.value.replace(/\D/g, "");
    if (code.length !== 6) {
      codeInput.setAttribute("aria-invalid", "true");
      showError("code-error", MESSAGES.code_format);
      return;
    }
    const button = $("code-submit");
    busy(button, true);
    try {
      const body = { code };
      const hint = (params.get("c") || "").slice(0, 64);
      if (hint) body.call_id = hint;
      const data = await api("/api/v1/join/code", body);
      state.token = data.join_token;
      state.call = data.call || {};
      if (state.call.rules_accepted) startCheck(); else show("rules");
    } catch (e) {
      codeInput.setAttribute("aria-invalid", "true");
      showError("code-error", e.message);
      if (e.code === "call_over") endScreen(null, e.message);
    } finally {
      busy(button, false);
    }
  });

  // ---- 2. rules ------------------------------------------------------------------
  $("rules-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    const checks = ["authorised_only", "minors_consent", "no_misconduct", "monitoring"];
    const allChecked = checks.every((n) => form.elements[n].checked);
    const minors = form.querySelector('input[name="minors_present"]:checked');
    if (!allChecked || !minors) { showError("rules-error", MESSAGES.rules); return; }
    showError("rules-error", "");
    const answers = {
      authorised_only: true,
      minors_present: minors.value === "yes",
      parental_consent: true,
      no_indecent: true,
      recording_notice: true,
    };
    const button = $("rules-submit");
    busy(button, true);
    try {
      await api(`/api/v1/join/${encodeURIComponent(state.token)}/rules`, answers);
      state.rules = answers;
      startCheck();
    } catch (e) {
      showError("rules-error", e.message);
      if (e.status === 410 || e.status === 404) endScreen(null, e.message);
    } finally {
      busy(button, false);
    }
  });

  // ---- 3. camera and microphone check --------------------------------------------------
  async function startCheck() {
    show("check");
    showError("check-error", "");
    if (!window.isSecureContext) { showError("check-error", MESSAGES.insecure); return; }
    try {
      state.stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
        video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 }, facingMode: "user" },
      });
    } catch (e) {
      const name = e && e.name;
      const text = name === "NotAllowedError" || name === "SecurityError" ? MESSAGES.denied
        : name === "NotFoundError" || name === "OverconstrainedError" ? MESSAGES.no_device
        : name === "NotReadableError" ? MESSAGES.busy_device : MESSAGES.device;
      showError("check-error", text);
      $("check-hint").hidden = true;
      return;
    }
    $("preview").srcObject = state.stream;
    startMeter(state.stream);
    $("join").disabled = false;
  }

  function startMeter(stream) {
    try {
      const Ctx = window.AudioContext || window.webkitAudioContext;
      state.audioCtx = new Ctx();
      const src = state.audioCtx.createMediaStreamSource(stream);
      const analyser = state.audioCtx.createAnalyser();
      analyser.fftSize = 1024;
      src.connect(analyser);
      const buf = new Float32Array(analyser.fftSize);
      const fill = $("meter-fill");
      state.meterTimer = setInterval(() => {
        analyser.getFloatTimeDomainData(buf);
        let sum = 0;
        for (let i = 0; i < buf.length; i++) sum += buf[i] * buf[i];
        const db = 10 * Math.log10(sum / buf.length + 1e-12);
        const pct = Math.max(0, Math.min(100, (db + 60) * (100 / 60)));
        fill.style.width = pct.toFixed(0) + "%";
      }, 100);
    } catch (e) { /* the meter is a comfort, the call works without it */ }
  }

  $("join").addEventListener("click", () => joinCall($("join")));

  // ---- 4. the call ------------------------------------------------------------------------
  function setStatus(text, spinning) {
    const box = $("call-status");
    box.hidden = !text;
    $("call-status-text").textContent = text || "";
    box.querySelector(".icon").classList.toggle("spin", !!spinning);
  }

  function waitGathering(pc, ms) {
    if (pc.iceGatheringState === "complete") return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => { if (pc.iceGatheringState === "complete") { clear(); resolve(); } };
      const clear = () => { pc.removeEventListener("icegatheringstatechange", done); clearTimeout(t); };
      const t = setTimeout(() => { clear(); resolve(); }, ms);
      pc.addEventListener("icegatheringstatechange", done);
    });
  }

  async function iceServers() {
    try {
      const resp = await fetch(`/api/v1/join/${encodeURIComponent(state.token)}/ice`);
      if (resp.ok) { const data = await resp.json(); return data.ice_servers || []; }
    } catch (e) { /* no servers: host candidates only */ }
    return [];
  }

  async function joinCall(button) {
    busy(button, true);
    state.joinClickedAt = performance.now();
    try {
      const pc = new RTCPeerConnection({ iceServers: await iceServers() });
      state.pc = pc;
      state.stream.getTracks().forEach((t) => pc.addTrack(t, state.stream));
      const channel = pc.createDataChannel("control");
      state.channel = channel;
      channel.onmessage = (ev) => onControl(ev.data);
      const remote = new MediaStream();
      $("remote").srcObject = remote;
      pc.ontrack = (ev) => {
        remote.addTrack(ev.track);
        $("remote").play().catch(() => {});
      };
      $("remote").addEventListener("playing", () => {
        if (!state.firstFrameAt) state.firstFrameAt = performance.now();
      }, { once: true });
      pc.onconnectionstatechange = () => {
        if (state.ended) return;
        if (pc.connectionState === "failed") {
          setStatus("La connexion est perdue. Rechargez la page et saisissez à nouveau votre code pour revenir dans l'appel.", false);
        } else if (pc.connectionState === "disconnected") {
          setStatus("Connexion instable…", true);
        }
      };
      await pc.setLocalDescription(await pc.createOffer());
      await waitGathering(pc, 3000);
      const answer = await api(`/api/v1/join/${encodeURIComponent(state.token)}/media`,
        { sdp: pc.localDescription.sdp, type: pc.localDescription.type });
      await pc.setRemoteDescription(answer);
      $("self").srcObject = state.stream;
      if (state.meterTimer) { clearInterval(state.meterTimer); state.meterTimer = null; }
      show("call");
      setStatus("Connexion en cours…", true);
    } catch (e) {
      if (state.pc) { state.pc.close(); state.pc = null; }
      showError("check-error", e.code === "network" || !e.message ? MESSAGES.media_failed : e.message);
      if (e.status === 410) endScreen(null, e.message);
    } finally {
      busy(button, false);
    }
  }

  function onControl(raw) {
    let msg;
    try { msg = JSON.parse(raw); } catch (e) { return; }
    state.lastControl = msg;
    switch (msg.type) {
      case "hello":
        if (msg.other_present) setStatus("", false);
        else setStatus("En attente de la cabine…", true);
        if (typeof msg.seconds_left === "number") updateTimer(msg.seconds_left);
        break;
      case "joined":
      case "rejoined":
      case "booth_joined":
        setStatus("", false);
        break;
      case "booth_left":
        setStatus("La connexion avec la cabine est interrompue. Merci de patienter…", true);
        break;
      case "time_left":
        state.connectedS = msg.connected_s || 0;
        updateTimer(msg.seconds);
        break;
      case "warning":
        updateTimer(msg.seconds_left);
        chime(msg.seconds_left <= 60 ? 2 : 1);
        break;
      case "ended":
        endScreen(msg.reason, null, msg.connected_s);
        break;
      default:
        break;
    }
  }

  // A soft chime at 5 min and 1 min left (twice at 1 min); no sound file needed.
  function chime(times) {
    try {
      const ctx = state.audioCtx && state.audioCtx.state !== "closed" ? state.audioCtx
        : (state.audioCtx = new (window.AudioContext || window.webkitAudioContext)());
      for (let i = 0; i < times; i++) {
        const t = ctx.currentTime + i * 0.35;
        const osc = ctx.createOscillator(), gain = ctx.createGain();
        osc.frequency.value = 660;
        gain.gain.setValueAtTime(0.0001, t);
        gain.gain.exponentialRampToValueAtTime(0.15, t + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.3);
        osc.connect(gain).connect(ctx.destination);
        osc.start(t); osc.stop(t + 0.32);
      }
    } catch (e) { /* no sound: the colour change still says it */ }
  }

  function fmtLeft(s) {
    s = Math.max(0, Math.round(s));
    const m = Math.floor(s / 60), r = s % 60;
    return m > 0 ? `il reste ${m} min ${String(r).padStart(2, "0")} s` : `il reste ${r} s`;
  }

  function updateTimer(seconds) {
    if (typeof seconds !== "number") return;
    state.secondsLeft = seconds;
    const box = $("timer");
    box.hidden = false;
    $("timer-text").textContent = fmtLeft(seconds);
    box.classList.toggle("warn", seconds <= 300 && seconds > 60);
    box.classList.toggle("urgent", seconds <= 60);
    if (seconds <= 10 && seconds > 0) {
      setStatus(`L'appel se termine dans ${seconds} s.`, false);
    } else if (seconds === 0) {
      setStatus("", false);
    }
  }

  // Mute and camera: the track keeps flowing (silence / black) so the call stays up.
  function toggle(kind, button) {
    const tracks = kind === "audio" ? state.stream.getAudioTracks() : state.stream.getVideoTracks();
    const off = button.getAttribute("aria-pressed") !== "true";
    tracks.forEach((t) => { t.enabled = !off; });
    button.setAttribute("aria-pressed", String(off));
    const icon = button.querySelector(".icon");
    const label = button.querySelector(".label");
    if (kind === "audio") {
      icon.className = "icon " + (off ? "icon-mic-off" : "icon-mic");
      label.textContent = off ? "Micro coupé" : "Micro";
    } else {
      icon.className = "icon " + (off ? "icon-video-off" : "icon-video");
      label.textContent = off ? "Caméra coupée" : "Caméra";
    }
  }
  $("mute").addEventListener("click", (ev) => toggle("audio", ev.currentTarget));
  $("camera").addEventListener("click", (ev) => toggle("video", ev.currentTarget));
  $("hangup").addEventListener("click", () => { $("hangup-confirm").hidden = false; $("hangup-cancel").focus(); });
  $("hangup-cancel").addEventListener("click", () => { $("hangup-confirm").hidden = true; });
  $("hangup-yes").addEventListener("click", () => {
    $("hangup-confirm").hidden = true;
    if (state.channel && state.channel.readyState === "open") {
      state.channel.send(JSON.stringify({ type: "hangup" }));
    }
    endScreen("relative_hangup");
  });

  // ---- 5. end -----------------------------------------------------------------------------
  function stopMedia() {
    if (state.meterTimer) { clearInterval(state.meterTimer); state.meterTimer = null; }
    if (state.pc) { setTimeout(() => { try { state.pc.close(); } catch (e) {} }, 300); }
    if (state.stream) state.stream.getTracks().forEach((t) => setTimeout(() => t.stop(), 300));
    if (state.audioCtx) state.audioCtx.close().catch(() => {});
  }

  function endScreen(reason, text, connectedS) {
    if (state.ended) return;
    state.ended = true;
    state.endReason = reason;
    stopMedia();
    $("ended-title").textContent = reason ? "L'appel est terminé" : "Appel impossible";
    $("ended-text").textContent = text || END_REASONS[reason] || "L'appel est terminé.";
    const secs = typeof connectedS === "number" ? connectedS : null;
    if (secs !== null && secs > 0) {
      const m = Math.floor(secs / 60), s = secs % 60;
      const text = m > 0 ? `${m} min ${String(s).padStart(2, "0")} s` : `${s} s`;
      $("ended-duration").textContent = `Durée de l'appel : ${text}.`;
    }
    show("ended");
  }

  window.addEventListener("pagehide", () => {
    if (state.token && state.pc && !state.ended) {
      navigator.sendBeacon(`/api/v1/join/${encodeURIComponent(state.token)}/leave`);
    }
  });

  // ---- start --------------------------------------------------------------------------------
  if (!supported()) {
    show("unsupported");
  } else {
    show("code");  // never a code in the address: it would end up in histories and logs
    codeInput.focus();
  }
})();
