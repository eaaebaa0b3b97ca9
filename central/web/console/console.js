// The monitoring console: login, live calls (watch, end, incident), recordings.
// Plain browser JavaScript, no build step. Talks only to /api/v1/monitor/ on this origin.
"use strict";

(() => {
  const API = "/api/v1/monitor";
  const TZ = "Europe/Paris";
  const POLL_MS = 3000;
  const $ = (id) => document.getElementById(id);
  const app = $("app");

  const state = {
    me: null, calls: [], selected: null, pc: null, watchId: null, pollTimer: null,
    kinds: [], recordings: [], tab: "live", incidentCall: null, replaying: null,
  };

  // ---------------------------------------------------------------- helpers
  const timeFmt = new Intl.DateTimeFormat("fr-FR", { timeZone: TZ, hour: "2-digit", minute: "2-digit" });
  const dateFmt = new Intl.DateTimeFormat("fr-FR", { timeZone: TZ, weekday: "long", day: "numeric", month: "long" });

  function hm(iso) {
    if (!iso) return "—";
    return timeFmt.format(new Date(iso)).replace(":", " h ");
  }
  function day(iso) { return iso ? dateFmt.format(new Date(iso)) : "—"; }
  function duration(s) {
    if (s === null || s === undefined) return "—";
    s = Math.max(0, Math.floor(s));
    const m = Math.floor(s / 60), r = s % 60;
    return m ? `${m} min ${String(r).padStart(2, "0")} s` : `${r} s`;
  }
  function phone(e164) {
    if (!e164) return "—";
    const m = /^\+33(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(e164);
    return m ? `+33 ${m[1]} ${m[2]} ${m[3]} ${m[4]} ${m[5]}` : e164;
  }
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }
  function icon(name, extra = "") { return el("span", { class: `icon icon-${name} ${extra}`, "aria-hidden": "true" }); }
  function tag(text, kind = "", iconName = null) {
    return el("span", { class: `tag ${kind}` }, iconName ? icon(iconName) : null, text);
  }
  function show(node, on) { node.hidden = !on; }

  function banner(text, kind = "") {
    const b = $("banner");
    b.textContent = text;
    b.className = `banner ${kind}`;
    show(b, !!text);
    if (text) setTimeout(() => { if (b.textContent === text) show(b, false); }, 8000);
  }

  class ApiError extends Error {
    constructor(status, code, message) { super(message); this.status = status; this.code = code; }
  }

  async function api(path, { method = "GET", body = null, keepalive = false } = {}) {
    const headers = { Accept: "application/json" };
    if (method !== "GET") headers["X-Parloir-Console"] = "1";
    if (body !== null) headers["Content-Type"] = "application/json";
    let res;
    try {
      res = await fetch(API + path, { method, headers, credentials: "same-origin", keepalive,
        body: body === null ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new ApiError(0, "network", "Le serveur ne répond pas. Vérifiez le réseau puis réessayez.");
    }
    if (res.status === 204) return null;
    let data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    if (!res.ok) {
      const err = (data && data.error) || {};
      if (res.status === 401 && path !== "/login") { toLogin(err.message); }
      throw new ApiError(res.status, err.code || "error",
        err.message || "Une erreur est survenue. Réessayez dans un instant.");
    }
    return data;
  }

  function setBusy(btn, busy) { btn.disabled = busy; btn.classList.toggle("busy", busy); }

  // ---------------------------------------------------------------- views
  function view(name) {
    app.dataset.view = name;
    for (const node of app.querySelectorAll(":scope > [data-view]")) show(node, node.dataset.view === name);
  }

  function toLogin(message) {
    stopWatching();
    clearInterval(state.pollTimer);
    state.me = null;
    view("login");
    const err = $("login-error");
    err.textContent = message || "";
    show(err, !!message);
    $("username").focus();
  }

  function toConsole(me) {
    state.me = me;
    $("who").textContent = me.display_name;
    view("console");
    selectTab("live");
    refreshLive();
    clearInterval(state.pollTimer);
    state.pollTimer = setInterval(() => { if (state.tab === "live") refreshLive(); }, POLL_MS);
    api("/incident-kinds").then((d) => { state.kinds = d.kinds; }).catch(() => {});
  }

  function selectTab(name) {
    state.tab = name;
    for (const t of document.querySelectorAll(".tab")) t.setAttribute("aria-selected", String(t.dataset.tab === name));
    for (const p of document.querySelectorAll("[data-tab-panel]")) show(p, p.dataset.tabPanel === name);
    if (name === "recordings") refreshRecordings();
    if (name === "live") refreshLive();
  }

  // ---------------------------------------------------------------- login
  $("login-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const btn = $("login-submit"), err = $("login-error");
    const username = $("username").value.trim(), password = $("password").value;
    if (!username || !password) {
      err.textContent = "Saisissez votre identifiant et votre mot de passe.";
      show(err, true);
      return;
    }
    setBusy(btn, true);
    show(err, false);
    try {
      const me = await api("/login", { method: "POST", body: { username, password } });
      $("password").value = "";
      toConsole(me);
    } catch (e) {
      err.textContent = e.message;
      show(err, true);
    } finally {
      setBusy(btn, false);
    }
  });

  $("logout").addEventListener("click", async () => {
    try { await api("/logout", { method: "POST" }); } catch (e) { /* the session may be gone already */ }
    toLogin("Vous êtes déconnecté.");
  });

  for (const t of document.querySelectorAll(".tab")) t.addEventListener("click", () => selectTab(t.dataset.tab));

  // ---------------------------------------------------------------- live list
  function rulesTags(call) {
    const out = [];
    if (call.protected) return out;
    const r = call.rules;
    if (!r || !r.accepted) {
      out.push(tag("Règles pas encore acceptées", "warn", "clock"));
      return out;
    }
    if (r.minors_present) {
      out.push(r.minors_consent
        ? tag("Mineurs présents · accord parental déclaré", "warn", "baby")
        : tag("Mineurs présents sans accord déclaré", "bad", "baby"));
    } else {
      out.push(tag("Aucun mineur déclaré", "good", "check"));
    }
    return out;
  }

  function statusTag(call) {
    if (call.status === "connected") return tag("En communication", "good", "radio");
    return tag("En attente du proche", "", "clock");
  }

  function callItem(call) {
    const selected = state.selected && state.selected.id === call.id;
    const li = el("li", { class: `call${selected ? " selected" : ""}`, "data-call": call.id });
    li.append(el("span", { class: "name" }, call.detainee, el("span", { class: "muted" }, ` · écrou ${call.ecrou}`)));
    if (call.protected) {
      li.append(el("span", { class: "meta" }, `${call.booth} · depuis ${hm(call.created_at)}`));
      li.append(el("span", { class: "go" }, tag("Appel protégé", "protected", "shield-check")));
      const tags = el("div", { class: "tags" }, statusTag(call),
        el("span", { class: "muted small" }, "Jamais écouté ni enregistré."));
      li.append(tags);
      return li;
    }
    li.append(el("span", { class: "meta" },
      `${call.contact} (${call.relationship || "proche"}) · `, el("span", { class: "num" }, phone(call.phone)),
      ` · ${call.booth}`));
    const btn = el("button", { class: `btn ${selected ? "outline" : "primary"} small go`, "data-watch": call.id },
      icon("eye"), selected ? "À l'écran" : "Regarder");
    btn.addEventListener("click", () => startWatching(call));
    li.append(btn);
    const tags = el("div", { class: "tags" }, statusTag(call));
    if (call.status === "connected") {
      tags.append(tag(`Connecté ${duration(call.connected_s)}`, "", "clock"));
      if (call.seconds_left !== null) {
        const kind = call.seconds_left <= 60 ? "bad" : call.seconds_left <= 300 ? "warn" : "";
        tags.append(tag(`Il reste ${duration(call.seconds_left)}`, kind, "clock"));
      }
    }
    for (const t of rulesTags(call)) tags.append(t);
    if (call.watchers) tags.append(tag(`${call.watchers} en écoute`, "", "eye"));
    li.append(tags);
    return li;
  }

  async function refreshLive() {
    let data;
    try { data = await api("/calls"); } catch (e) {
      if (e.status !== 401) banner(e.message, "bad");
      return;
    }
    state.calls = data.calls;
    $("live-count").textContent = String(data.calls.length);
    $("live-updated").textContent = `Mis à jour à ${timeFmt.format(new Date(data.now)).replace(":", " h ")} — actualisation automatique.`;
    const list = $("live-list");
    list.replaceChildren(...data.calls.map(callItem));
    show($("live-empty"), data.calls.length === 0);
    if (state.selected) {
      const fresh = data.calls.find((c) => c.id === state.selected.id);
      if (!fresh) {
        stopWatching();
        banner("L'appel que vous regardiez est terminé.", "");
      } else {
        state.selected = fresh;
        renderWatchFacts(fresh);
      }
    }
  }

  // ---------------------------------------------------------------- watching
  function fact(k, v, kind = "") {
    return el("div", { class: "fact" }, el("span", { class: "k" }, k), el("span", { class: `v ${kind}` }, v));
  }

  function renderWatchFacts(call) {
    const r = call.rules || {};
    const left = call.seconds_left;
    const minors = !r.accepted ? "Pas encore répondu" : r.minors_present
      ? (r.minors_consent ? "Oui, accord parental déclaré" : "Oui, sans accord déclaré") : "Non";
    $("watch-facts").replaceChildren(
      fact("Numéro appelé", phone(call.phone)),
      fact("Temps connecté", duration(call.connected_s)),
      fact("Temps restant", duration(left), left !== null && left <= 60 ? "bad" : left !== null && left <= 300 ? "warn" : ""),
      fact("Mineurs présents", minors, r.minors_present ? (r.minors_consent ? "warn" : "bad") : ""),
      fact("Règles acceptées", r.accepted ? `Oui, à ${hm(r.accepted_at)}` : "Pas encore"),
      fact("Cabine", call.booth),
    );
    $("s-relative").textContent = call.relative_present === false ? "Proche absent" : $("s-relative").textContent;
  }

  function stopWatching() {
    if (state.pc) {
      const callId = state.selected && state.selected.id, watchId = state.watchId;
      try { state.pc.close(); } catch (e) { /* already closed */ }
      if (callId && state.me) api(`/calls/${encodeURIComponent(callId)}/unwatch?watch_id=${encodeURIComponent(watchId || "")}`, { method: "POST", keepalive: true }).catch(() => {});
    }
    state.pc = null;
    state.watchId = null;
    state.selected = null;
    for (const id of ["v-booth", "v-relative", "a-booth", "a-relative"]) { $(id).srcObject = null; }
    show($("watch"), false);
    show($("watch-none"), true);
    for (const li of document.querySelectorAll(".call.selected")) li.classList.remove("selected");
  }

  function waitIce(pc) {
    if (pc.iceGatheringState === "complete") return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => { if (pc.iceGatheringState === "complete") { pc.removeEventListener("icegatheringstatechange", done); resolve(); } };
      pc.addEventListener("icegatheringstatechange", done);
      setTimeout(resolve, 3000);
    });
  }

  async function startWatching(call) {
    if (state.selected && state.selected.id === call.id && state.pc) return;
    stopWatching();
    state.selected = call;
    $("watch-title").textContent = `${call.detainee} avec ${call.contact}`;
    $("watch-sub").textContent = `${call.relationship || "Proche"} · ${call.booth} · appel commencé à ${hm(call.created_at)}`;
    $("cap-booth").textContent = call.detainee;
    $("cap-relative").textContent = `${call.contact} (${call.relationship || "proche"})`;
    $("s-booth").textContent = "Connexion…";
    $("s-relative").textContent = "Connexion…";
    renderWatchFacts(call);
    show($("watch-none"), false);
    show($("watch"), true);
    for (const li of document.querySelectorAll(".call")) li.classList.toggle("selected", li.dataset.call === call.id);

    if (!window.RTCPeerConnection) {
      banner("Ce navigateur ne permet pas de regarder les appels. Utilisez Chrome ou Firefox à jour.", "bad");
      return;
    }
    const pc = new RTCPeerConnection({ iceServers: [] });
    state.pc = pc;
    window.parloirWatch = pc; // read by the tests (getStats)
    const slots = [["v-booth", "video"], ["a-booth", "audio"], ["v-relative", "video"], ["a-relative", "audio"]];
    const transceivers = slots.map(([, kind]) => pc.addTransceiver(kind, { direction: "recvonly" }));
    pc.addEventListener("track", (ev) => {
      const i = transceivers.indexOf(ev.transceiver);
      if (i < 0) return;
      const [id] = slots[i];
      $(id).srcObject = new MediaStream([ev.track]);
      $(id).play().catch(() => {});
    });
    pc.addEventListener("connectionstatechange", () => {
      if (pc !== state.pc) return;
      if (pc.connectionState === "connected") {
        $("s-booth").textContent = "En direct";
        $("s-relative").textContent = "En direct";
      } else if (pc.connectionState === "failed") {
        $("s-booth").textContent = "Connexion perdue";
        $("s-relative").textContent = "Connexion perdue";
      }
    });
    try {
      await pc.setLocalDescription(await pc.createOffer());
      await waitIce(pc);
      const answer = await api(`/calls/${encodeURIComponent(call.id)}/watch`, {
        method: "POST", body: { sdp: pc.localDescription.sdp, type: "offer" } });
      if (pc !== state.pc) return;
      state.watchId = answer.watch_id;
      await pc.setRemoteDescription({ sdp: answer.sdp, type: answer.type });
    } catch (e) {
      if (pc === state.pc) {
        $("s-booth").textContent = "Indisponible";
        $("s-relative").textContent = "Indisponible";
        banner(e.message || "La vidéo n'a pas pu s'ouvrir. Réessayez.", "bad");
        try { pc.close(); } catch (err) { /* ignore */ }
        state.pc = null;
      }
    }
  }
  $("watch-close").addEventListener("click", stopWatching);

  // ---------------------------------------------------------------- end call
  function openDialog(id) {
    const d = $(id);
    for (const e of d.querySelectorAll(".error")) show(e, false);
    if (typeof d.showModal === "function") d.showModal(); else d.setAttribute("open", "");
  }
  // A message about a past attempt goes away as soon as the form is changed.
  for (const form of [$("end-form"), $("incident-form"), $("login-form")]) {
    form.addEventListener("input", () => { for (const e of form.querySelectorAll(".error")) show(e, false); });
  }
  for (const b of document.querySelectorAll("[data-close]")) b.addEventListener("click", () => b.closest("dialog").close());

  $("btn-end").addEventListener("click", () => { $("end-reason").value = ""; openDialog("end-dialog"); $("end-reason").focus(); });
  $("end-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const reason = $("end-reason").value.trim(), err = $("end-error"), btn = $("end-confirm");
    if (!reason) { err.textContent = "Indiquez le motif : il est inscrit au journal."; show(err, true); return; }
    if (!state.selected) return;
    setBusy(btn, true);
    try {
      await api(`/calls/${encodeURIComponent(state.selected.id)}/end`, { method: "POST", body: { reason } });
      $("end-dialog").close();
      stopWatching();
      banner("L'appel a été coupé.", "good");
      refreshLive();
    } catch (e) {
      err.textContent = e.message; show(err, true);
    } finally { setBusy(btn, false); }
  });

  // ---------------------------------------------------------------- incident
  $("btn-incident").addEventListener("click", () => openIncident(state.selected));
  $("btn-incident-replay").addEventListener("click", () => openIncident(state.replaying));
  function openIncident(call) {
    if (!call) return;
    state.incidentCall = call;
    const sel = $("incident-kind");
    sel.replaceChildren(el("option", { value: "" }, "Choisissez…"),
      ...state.kinds.map((k) => el("option", { value: k.code }, k.label)));
    $("incident-note").value = "";
    $("incident-until").value = "";
    $("incident-hold").checked = false;
    document.querySelector("input[name=measure][value=none]").checked = true;
    $("incident-number").textContent = `Une mesure s'applique au numéro appelé : ${phone(call.phone)} (${call.contact}).`;
    openDialog("incident-dialog");
  }
  $("incident-until").addEventListener("focus", () => { document.querySelector("input[name=measure][value=suspend_until]").checked = true; });

  $("incident-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const err = $("incident-error"), btn = $("incident-confirm");
    const kind = $("incident-kind").value, note = $("incident-note").value.trim();
    const measure = document.querySelector("input[name=measure]:checked").value;
    const untilDay = $("incident-until").value;
    const fail = (m) => { err.textContent = m; show(err, true); };
    if (!kind) return fail("Choisissez le type d'incident.");
    if (!note) return fail("Décrivez l'incident en quelques mots.");
    let until = null;
    if (measure === "suspend_until") {
      if (!untilDay) return fail("Choisissez la date de fin de la suspension.");
      until = new Date(`${untilDay}T23:59:59`).toISOString();
    }
    const call = state.incidentCall;
    if (!call) return;
    setBusy(btn, true);
    try {
      const res = await api(`/calls/${encodeURIComponent(call.id)}/incident`, {
        method: "POST", body: { kind, note, measure, until, hold: $("incident-hold").checked } });
      $("incident-dialog").close();
      if (state.tab === "recordings") refreshRecordings();
      const n = res.sanctioned.length;
      banner(measure === "none" ? "Incident enregistré."
        : `Incident enregistré. Mesure appliquée au numéro appelé${n > 1 ? ` (${n} fiches de contact)` : ""}.`, "good");
    } catch (e) { fail(e.message); } finally { setBusy(btn, false); }
  });

  // ---------------------------------------------------------------- recordings
  function recItem(r) {
    const li = el("li", { class: "call", "data-recording": String(r.recording_id) });
    li.append(el("span", { class: "name" }, r.detainee, el("span", { class: "muted" }, ` · écrou ${r.ecrou}`)));
    li.append(el("span", { class: "meta" }, `${r.contact} · `, el("span", { class: "num" }, phone(r.phone)),
      ` · ${day(r.created_at)} à ${hm(r.created_at)}`));
    const btn = el("button", { class: "btn primary small go", "data-play": String(r.recording_id) }, icon("play"), "Revoir");
    btn.addEventListener("click", () => play(r, li));
    li.append(btn);
    const tags = el("div", { class: "tags" }, tag(`Durée ${duration(r.connected_s)}`, "", "clock"));
    for (const t of rulesTags(r)) tags.append(t);
    if (r.hold) tags.append(tag("Conservé (procédure)", "warn", "lock"));
    li.append(tags);
    return li;
  }

  async function refreshRecordings() {
    let data;
    try { data = await api("/recordings"); } catch (e) { if (e.status !== 401) banner(e.message, "bad"); return; }
    state.recordings = data.recordings;
    $("rec-info").textContent = `${data.recordings.length} enregistrement(s). Conservation : ${data.retention_days} jours, puis destruction automatique.`;
    $("retention-note").textContent = `Les enregistrements sont détruits après ${data.retention_days} jours, sauf ceux conservés pour une procédure disciplinaire.`;
    $("rec-list").replaceChildren(...data.recordings.map(recItem));
    show($("rec-empty"), data.recordings.length === 0);
  }

  async function play(r, li) {
    try {
      const res = await api(`/recordings/${r.recording_id}/open`, { method: "POST" });
      for (const x of document.querySelectorAll("#rec-list .call")) x.classList.toggle("selected", x === li);
      $("player-title").textContent = `${r.detainee} avec ${r.contact}`;
      $("player-sub").textContent = `${day(r.created_at)} à ${hm(r.created_at)} · ${r.booth}`;
      const rr = r.rules || {};
      $("player-facts").replaceChildren(
        fact("Numéro appelé", phone(r.phone)),
        fact("Durée connectée", duration(r.connected_s)),
        fact("Mineurs présents", !rr.accepted ? "Pas de réponse" : rr.minors_present ? (rr.minors_consent ? "Oui, accord déclaré" : "Oui, sans accord") : "Non"),
      );
      state.replaying = r;
      $("rcap-booth").textContent = r.detainee;
      $("rcap-relative").textContent = `${r.contact} (${r.relationship || "proche"})`;
      const main = $("replay"), other = $("replay-relative");
      const sides = res.sides || {};
      main.src = sides.booth || res.url;
      if (sides.relative) { other.src = sides.relative; } else { other.removeAttribute("src"); other.load(); }
      show($("replay-relative-fig"), !!sides.relative);
      show($("player-none"), false);
      show($("player"), true);
    } catch (e) { banner(e.message, "bad"); }
  }
  // The relative's side follows the controls of the detainee's side.
  (() => {
    const main = $("replay"), other = $("replay-relative");
    const follow = () => {
      if (!other.src) return;
      if (Math.abs(other.currentTime - main.currentTime) > 0.3) other.currentTime = main.currentTime;
      if (main.paused && !other.paused) other.pause();
      if (!main.paused && other.paused) other.play().catch(() => {});
    };
    for (const ev of ["play", "pause", "seeked", "timeupdate", "ratechange"]) main.addEventListener(ev, follow);
    main.addEventListener("ratechange", () => { other.playbackRate = main.playbackRate; });
  })();

  $("player-close").addEventListener("click", () => {
    for (const v of [$("replay"), $("replay-relative")]) { v.pause(); v.removeAttribute("src"); v.load(); }
    show($("player"), false); show($("player-none"), true);
    for (const x of document.querySelectorAll("#rec-list .call")) x.classList.remove("selected");
  });

  // ---------------------------------------------------------------- start
  window.addEventListener("pagehide", () => { if (state.pc) stopWatching(); });
  api("/me").then(toConsole).catch((e) => toLogin(e.status === 401 ? "" : e.message));
})();
