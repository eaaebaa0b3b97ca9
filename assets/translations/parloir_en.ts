<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>Call</name>
    <message>
        <location filename="../../kiosk/ui/call.py" line="72" />
        <source>Avant l'appel : vérifiez l'image et le son</source>
        <translation>Before the call: check picture and sound</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="75" />
        <source>Placez-vous face à la caméra. Votre proche vous verra ainsi.</source>
        <translation>Face the camera. This is how your relative will see you.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="79" />
        <location filename="../../kiosk/ui/call.py" line="177" />
        <source>Pas d'image de la caméra</source>
        <translation>No picture from the camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="81" />
        <location filename="../../kiosk/ui/call.py" line="179" />
        <source>Votre image (comme dans un miroir)</source>
        <translation>Your picture (as in a mirror)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="86" />
        <source>Vous appelez</source>
        <translation>You are calling</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="90" />
        <source>Durée autorisée</source>
        <translation>Time allowed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="94" />
        <source>{price} la minute</source>
        <translation>{price} per minute</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="98" />
        <source>{fee} de mise en relation</source>
        <translation>{fee} connection fee</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="101" />
        <source>Tarif</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="105" />
        <source>Coût estimé si l'appel dure {duration}</source>
        <translation>Estimated cost if the call lasts {duration}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="112" />
        <source>Appel confidentiel : il n'est ni écouté ni enregistré.</source>
        <translation>Confidential call: it is neither listened to nor recorded.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="117" />
        <source>Micro : parlez, la barre doit bouger.</source>
        <translation>Microphone: speak, the bar should move.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="119" />
        <source>Retour</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="120" />
        <source>Appeler</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="162" />
        <source>Nous attendons votre proche</source>
        <translation>Waiting for your relative</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="167" />
        <source>Un SMS avec un code a été envoyé au {number} ; votre proche a 5 minutes pour rejoindre.</source>
        <translation>A text message with a code was sent to {number}; your relative has 5 minutes to join.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="175" />
        <source>temps restant pour rejoindre</source>
        <translation>time left to join</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="182" />
        <source>Annuler l'appel</source>
        <translation>Cancel the call</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="183" />
        <source>Confirmer : annuler l'appel</source>
        <translation>Confirm: cancel the call</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="268" />
        <source>Votre proche a quitté l'appel.</source>
        <translation>Your relative has left the call.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="275" />
        <source>temps restant</source>
        <translation>time left</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="277" />
        <source>Coût : {cost}</source>
        <translation>Cost: {cost}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="283" />
        <source>Crédit restant : {balance}</source>
        <translation>Credit left: {balance}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="288" />
        <source>Activer le micro</source>
        <translation>Unmute</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="290" />
        <source>Couper le micro</source>
        <translation>Mute</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="294" />
        <source>Masquer mon image</source>
        <translation>Hide my picture</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="296" />
        <source>Afficher mon image</source>
        <translation>Show my picture</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="300" />
        <source>Surveillant</source>
        <translation>Guard</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="302" />
        <source>Raccrocher</source>
        <translation>Hang up</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="303" />
        <source>Confirmer : raccrocher</source>
        <translation>Confirm: hang up</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="309" />
        <source>Votre proche a quitté l'appel. Il a encore {seconds} s pour revenir ; ce temps n'est pas facturé.</source>
        <translation>Your relative has left the call. They have {seconds} s left to come back; this time is not charged.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="316" />
        <source>Fin de l'appel dans {seconds} s</source>
        <translation>Call ends in {seconds} s</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="321" />
        <source>Il reste moins d'une minute. Dites au revoir.</source>
        <translation>Less than one minute left. Say goodbye.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="326" />
        <source>Il reste moins de 5 minutes.</source>
        <translation>Less than 5 minutes left.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="366" />
        <source>Appel terminé</source>
        <translation>Call ended</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="370" />
        <source>Durée</source>
        <translation>Duration</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="373" />
        <source>Prix</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="378" />
        <source>Nouveau crédit</source>
        <translation>New credit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="385" />
        <source>Touchez « Terminer » quand vous êtes prêt à quitter la cabine.</source>
        <translation>Touch “Finish” when you are ready to leave the booth.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="390" />
        <source>La cabine se verrouille dans {seconds} s.</source>
        <translation>The booth locks in {seconds} s.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="394" />
        <source>Terminer</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <location filename="../../kiosk/i18n.py" line="136" />
        <source>{h} h {m} min</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <location filename="../../kiosk/i18n.py" line="138" />
        <source>{m} min</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <location filename="../../kiosk/i18n.py" line="140" />
        <source>{m} min {s} s</source>
        <translation>{m} min {s} s</translation>
    </message>
    <message>
        <location filename="../../kiosk/i18n.py" line="141" />
        <source>{s} s</source>
        <translation>{s} s</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../kiosk/ui/session.py" line="33" />
        <source>Hors forfait</source>
        <translation>No plan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="34" />
        <source>Forfait {amount} €</source>
        <translation>{amount} € plan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="38" />
        <source>{day}, {start} – {end}</source>
        <translation>{day}, {start} – {end}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="51" />
        <source>Bonjour {name}</source>
        <translation>Hello {name}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="81" />
        <source>Tapez votre code personnel sur le clavier, puis « Valider ».</source>
        <translation>Type your personal code on the keypad, then “Confirm”.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="85" />
        <source>Votre code</source>
        <translation>Your code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="89" />
        <source>Ce n'est pas moi</source>
        <translation>This is not me</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="90" />
        <source>Valider</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="95" />
        <source>Trop d'essais. Vous pourrez réessayer dans {seconds} s.</source>
        <translation>Too many tries. You can try again in {seconds} s.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="155" />
        <source>Que voulez-vous faire ?</source>
        <translation>What would you like to do?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="159" />
        <source>Crédit téléphonie</source>
        <translation>Phone credit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="162" />
        <source>Formule</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="166" />
        <source>Votre rendez-vous de maintenant</source>
        <translation>Your appointment now</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="169" />
        <source>{start} – {end}</source>
        <translation>{start} – {end}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="175" />
        <source>Avec {contact}</source>
        <translation>With {contact}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="181" />
        <source>Pas de rendez-vous maintenant</source>
        <translation>No appointment now</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="184" />
        <source>Vous pouvez réserver un créneau pour appeler plus tard.</source>
        <translation>You can book a slot to call later.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="189" />
        <source>Langue :</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="192" />
        <source>Terminer</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="193" />
        <location filename="../../kiosk/ui/session.py" line="476" />
        <source>Mes réservations</source>
        <translation>My bookings</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="194" />
        <source>Réserver un créneau</source>
        <translation>Book a slot</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="195" />
        <source>Appeler</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="212" />
        <source>L'appel dure 30 minutes au plus. Il est payé à la minute sur votre compte téléphonie.</source>
        <translation>A call lasts 30 minutes at most. It is paid per minute from your phone account.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="220" />
        <source>Seules les personnes autorisées peuvent être à l'écran ou parler. Un enfant mineur seulement avec l'accord de ses parents.</source>
        <translation>Only authorised people may appear on screen or speak. A child only with their parents' consent.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="228" />
        <source>Les gestes ou paroles indécents ou violents sont interdits.</source>
        <translation>Indecent or violent gestures or words are forbidden.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="234" />
        <source>L'appel peut être écouté et regardé, en direct ou plus tard, par le personnel chargé des écoutes.</source>
        <translation>The call may be listened to and watched, live or later, by the monitoring staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="245" />
        <source>Si une règle n'est pas respectée, la visio ou le téléphone peut être suspendu ou retiré. La sanction s'applique au numéro appelé.</source>
        <translation>If a rule is broken, video calls or the phone may be suspended or withdrawn. The sanction applies to the number called.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="287" />
        <source>Les règles de la visio</source>
        <translation>Video call rules</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="289" />
        <source>Lisez-les avant votre premier appel.</source>
        <translation>Read them before your first call.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="292" />
        <source>Rappel des règles</source>
        <translation>Rules reminder</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="294" />
        <source>Avant chaque appel, un court rappel.</source>
        <translation>A short reminder before each call.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="313" />
        <source>Captation de l'image et du son</source>
        <translation>Recording of picture and sound</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="316" />
        <source>En utilisant la visio, vous acceptez que l'image et le son de vos appels soient captés et enregistrés, selon la loi Informatique et Libertés. Les enregistrements sont détruits après 90 jours, sauf s'ils sont remis à la justice. Les appels à votre avocat ne sont ni écoutés ni enregistrés.</source>
        <translation>By using video calls, you accept that the picture and sound of your calls are captured and recorded, under the French data protection law. Recordings are destroyed after 90 days unless handed to the courts. Calls to your lawyer are neither listened to nor recorded.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="325" />
        <source>J'ai lu les règles et j'accepte la captation</source>
        <translation>I have read the rules and accept the recording</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="327" />
        <location filename="../../kiosk/ui/session.py" line="375" />
        <location filename="../../kiosk/ui/session.py" line="450" />
        <location filename="../../kiosk/ui/session.py" line="518" />
        <source>Retour</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="329" />
        <source>J'accepte</source>
        <translation>I accept</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="331" />
        <source>J'ai compris</source>
        <translation>I understand</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="351" />
        <source>Qui voulez-vous appeler maintenant ?</source>
        <translation>Who do you want to call now?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="355" />
        <source>Réserver : qui voulez-vous appeler ?</source>
        <translation>Book: who do you want to call?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="358" />
        <source>Seuls vos numéros autorisés sont proposés.</source>
        <translation>Only your authorised numbers are shown.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="368" />
        <source>numéro suspendu</source>
        <translation>number suspended</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="370" />
        <source>numéro retiré</source>
        <translation>number withdrawn</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="406" />
        <source>Réserver : choisissez le jour et l'heure</source>
        <translation>Book: choose the day and time</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="409" />
        <source>Rendez-vous avec {name}. Les créneaux durent 30 minutes.</source>
        <translation>Appointment with {name}. Slots last 30 minutes.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="423" />
        <source>Aujourd'hui</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="425" />
        <source>Demain</source>
        <translation>Tomorrow</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="453" />
        <source>Réserver {day} à {time}</source>
        <translation>Book {day} at {time}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="459" />
        <source>Réserver</source>
        <translation>Book</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="478" />
        <source>Vos prochains rendez-vous de visio.</source>
        <translation>Your next video call appointments.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="488" />
        <source>Vous n'avez aucun rendez-vous à venir.</source>
        <translation>You have no upcoming appointment.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="504" />
        <source>En cours</source>
        <translation>Now</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="509" />
        <source>Annuler la réservation</source>
        <translation>Cancel the booking</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="510" />
        <source>Confirmer l'annulation</source>
        <translation>Confirm cancellation</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="547" />
        <source>Retour à l'accueil</source>
        <translation>Back to start</translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="32" />
        <source>État du service central : vérification…</source>
        <translation>Central service: checking…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="36" />
        <source>Service central joignable · dernière synchronisation à {time}</source>
        <translation>Central service reachable · last sync at {time}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="43" />
        <source>Service central injoignable (dernière synchronisation à {time}) : les appels et les réservations sont impossibles pour le moment.</source>
        <translation>Central service unreachable (last sync at {time}): calls and bookings are not possible for now.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="86" />
        <source>Cabine de visio</source>
        <translation>Video call booth</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="90" />
        <source>Prochains rendez-vous dans cette cabine</source>
        <translation>Next appointments in this booth</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="99" />
        <source>Aucun rendez-vous prévu aujourd'hui.</source>
        <translation>No appointment planned today.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="105" />
        <source>{day} · {start} – {end}</source>
        <translation>{day} · {start} – {end}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="121" />
        <source>Surveillant</source>
        <translation>Guard</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="149" />
        <source>Cabine hors service</source>
        <translation>Booth out of service</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="152" />
        <source>Cette cabine ne peut pas être utilisée pour le moment. Adressez-vous au surveillant.</source>
        <translation>This booth cannot be used for now. Please ask the guard.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="158" />
        <source>Technicien</source>
        <translation>Technician</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="185" />
        <source>Surveillant ou technicien : ouvrir la cabine</source>
        <translation>Guard or technician: open the booth</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="188" />
        <source>Surveillant : terminer la séance</source>
        <translation>Guard: end the session</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="191" />
        <source>Technicien : intervenir sur la cabine</source>
        <translation>Technician: service the booth</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="197" />
        <source>Tapez votre code ou passez votre badge, puis « Valider ».</source>
        <translation>Type your code or swipe your badge, then “Confirm”.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="203" />
        <source>Code personnel</source>
        <translation>Personal code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="204" />
        <location filename="../../kiosk/ui/staff.py" line="245" />
        <source>Retour</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="205" />
        <location filename="../../kiosk/ui/staff.py" line="250" />
        <source>Valider</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="210" />
        <source>Trop d'essais. Réessayez dans {seconds} s.</source>
        <translation>Too many tries. Try again in {seconds} s.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="247" />
        <source>Fermer la cabine</source>
        <translation>Close the booth</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="249" />
        <source>Séance réservation seule</source>
        <translation>Booking-only session</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="257" />
        <source>Séance sans rendez-vous (réservation seule)</source>
        <translation>Session without appointment (booking only)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="260" />
        <source>Tapez le numéro d'écrou de la personne détenue.</source>
        <translation>Type the detainee's prison number.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="265" />
        <source>Numéro d'écrou</source>
        <translation>Prison number</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="269" />
        <source>Choisissez la séance à ouvrir</source>
        <translation>Choose the session to open</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="271" />
        <source>Touchez le rendez-vous de maintenant, puis confiez la cabine à la personne.</source>
        <translation>Touch the appointment of now, then hand the booth over to the person.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="283" />
        <source>Aucun rendez-vous en ce moment dans cette cabine.</source>
        <translation>No appointment in this booth right now.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="291" />
        <source>{start} – {end} · {name} · avec {contact}</source>
        <translation>{start} – {end} · {name} · with {contact}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="350" />
        <source>Mode technicien</source>
        <translation>Technician mode</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="352" />
        <source>Pas d'image de la caméra</source>
        <translation>No picture from the camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="354" />
        <source>Microphone : parlez, la barre doit bouger.</source>
        <translation>Microphone: speak, the bar should move.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="356" />
        <source>Tester le haut-parleur</source>
        <translation>Test the speaker</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="357" />
        <source>Tests du matériel</source>
        <translation>Hardware tests</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="377" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="379" />
        <source>En panne</source>
        <translation>Faulty</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="388" />
        <source>Envois en attente vers le central : {count}</source>
        <translation>Uploads waiting for central: {count}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="392" />
        <source>Relancer les tests</source>
        <translation>Run the tests again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="395" />
        <source>Remettre en service</source>
        <translation>Put back in service</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="396" />
        <source>Confirmer : remettre en service</source>
        <translation>Confirm: back in service</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="400" />
        <source>Mettre hors service</source>
        <translation>Put out of service</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="401" />
        <source>Confirmer : hors service</source>
        <translation>Confirm: out of service</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="404" />
        <source>Quitter l'application</source>
        <translation>Quit the application</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="405" />
        <source>Confirmer : quitter</source>
        <translation>Confirm: quit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="407" />
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../kiosk/texts.py" line="22" />
        <source>Ce créneau est déjà passé. Choisissez un autre horaire.</source>
        <translation>This slot has already passed. Choose another time.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="25" />
        <source>Ce créneau n'est pas proposé. Choisissez un horaire dans la liste.</source>
        <translation>This slot is not offered. Choose a time from the list.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="28" />
        <source>Ce créneau commence trop tôt pour être réservé (délai de prévenance). Choisissez un horaire plus tard.</source>
        <translation>This slot starts too soon to be booked (notice period). Choose a later time.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="33" />
        <source>Ce créneau est trop loin dans le temps. Réservez-le dans quelques jours.</source>
        <translation>This slot is too far ahead. Book it in a few days.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="36" />
        <source>Ce créneau vient d'être pris. Choisissez un autre horaire.</source>
        <translation>This slot has just been taken. Choose another time.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="39" />
        <source>Vous avez déjà un rendez-vous à cette heure-là. Choisissez un autre horaire.</source>
        <translation>You already have an appointment at that time. Choose another time.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="42" />
        <source>Vous avez atteint le nombre de rendez-vous autorisés pour cette période. Réservez pour la période suivante.</source>
        <translation>You have reached the number of appointments allowed for this period. Book for the next period.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="47" />
        <source>Il est trop tard pour annuler ce rendez-vous. Adressez-vous au surveillant.</source>
        <translation>It is too late to cancel this appointment. Please ask the guard.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="50" />
        <source>Ce rendez-vous a déjà commencé. Il ne peut plus être annulé.</source>
        <translation>This appointment has already started. It can no longer be cancelled.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="53" />
        <source>Votre crédit est insuffisant pour appeler. Rechargez votre compte téléphonie.</source>
        <translation>Your credit is too low to call. Top up your phone account.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="56" />
        <source>Il ne reste plus de temps sur ce créneau. Réservez un nouveau rendez-vous.</source>
        <translation>There is no time left in this slot. Book a new appointment.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="59" />
        <source>Votre formule de paiement est inconnue. Adressez-vous au surveillant.</source>
        <translation>Your payment plan is unknown. Please ask the guard.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="62" />
        <source>Ce numéro n'est pas autorisé. Demandez son autorisation au greffe.</source>
        <translation>This number is not authorised. Ask the registry to authorise it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="65" />
        <source>Ce numéro est suspendu pour le moment. Choisissez un autre proche.</source>
        <translation>This number is suspended for now. Choose another relative.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="68" />
        <source>Ce numéro n'est plus autorisé. Adressez-vous au greffe.</source>
        <translation>This number is no longer authorised. Please ask the registry.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="71" />
        <source>Votre accès à la visio est suspendu pour le moment. Adressez-vous au surveillant.</source>
        <translation>Your access to video calls is suspended for now. Please ask the guard.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="75" />
        <source>Votre accès à la visio a été retiré. Adressez-vous au surveillant.</source>
        <translation>Your access to video calls has been withdrawn. Please ask the guard.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="84" />
        <source>Cette demande n'est pas possible. Adressez-vous au surveillant.</source>
        <translation>This request is not possible. Please ask the guard.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="91" />
        <source>Vous avez raccroché.</source>
        <translation>You hung up.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="92" />
        <source>Votre proche a raccroché.</source>
        <translation>Your relative hung up.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="95" />
        <source>Le temps de l'appel est écoulé.</source>
        <translation>The call time is over.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="98" />
        <source>Votre crédit est épuisé. Rechargez votre compte téléphonie.</source>
        <translation>Your credit has run out. Top up your phone account.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="101" />
        <source>L'appel a été arrêté par le personnel de surveillance.</source>
        <translation>The call was stopped by the monitoring staff.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="104" />
        <source>Votre proche n'a pas rejoint l'appel dans les 5 minutes. Vous pourrez réessayer sur un autre créneau.</source>
        <translation>Your relative did not join within 5 minutes. You can try again in another slot.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="109" />
        <source>La connexion de votre proche a été perdue et n'est pas revenue.</source>
        <translation>Your relative's connection was lost and did not come back.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="112" />
        <source>Vous avez annulé l'appel.</source>
        <translation>You cancelled the call.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="113" />
        <source>L'appel a été terminé par un surveillant.</source>
        <translation>A guard ended the call.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="116" />
        <source>Un problème technique a interrompu l'appel. Ce n'est pas de votre faute.</source>
        <translation>A technical problem interrupted the call. It is not your fault.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="123" />
        <source>L'appel est terminé.</source>
        <translation>The call is over.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="128" />
        <source>Caméra</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="129" />
        <source>Microphone</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="130" />
        <source>Haut-parleur</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="131" />
        <source>Écran</source>
        <translation>Screen</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="132" />
        <source>Réseau</source>
        <translation>Network</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="133" />
        <source>Synchronisation</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="134" />
        <source>Données locales</source>
        <translation>Local data</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="147" />
        <source>Ce code n'est pas le bon. Essais restants : {tries}.</source>
        <translation>This code is not right. Tries left: {tries}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="151" />
        <source>Votre rendez-vous avec {contact} est réservé : {day} à {time}. Prévenez votre proche de l'heure.</source>
        <translation>Your appointment with {contact} is booked: {day} at {time}. Tell your relative the time.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="160" />
        <source>{device} ne répond pas. Vérifiez le branchement puis relancez les tests.</source>
        <translation>{device} does not answer. Check the cable, then run the tests again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="164" />
        <source>Vérification du code…</source>
        <translation>Checking the code…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="165" />
        <source>Chargement…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="166" />
        <source>Recherche des créneaux libres…</source>
        <translation>Looking for free slots…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="169" />
        <source>Réservation en cours…</source>
        <translation>Booking…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="170" />
        <source>Annulation en cours…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="171" />
        <source>Préparation de l'appel et envoi du SMS à votre proche…</source>
        <translation>Preparing the call and texting your relative…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="174" />
        <source>Annulation de l'appel…</source>
        <translation>Cancelling the call…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="177" />
        <source>Fin de l'appel…</source>
        <translation>Ending the call…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="178" />
        <source>Tests du matériel en cours…</source>
        <translation>Testing the hardware…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="181" />
        <source>Trop d'essais. Patientez avant de réessayer.</source>
        <translation>Too many tries. Please wait before trying again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="184" />
        <source>Le code est trop court. Tapez tous les chiffres.</source>
        <translation>The code is too short. Type all the digits.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="187" />
        <source>Code ou badge non reconnu. Réessayez.</source>
        <translation>Code or badge not recognised. Try again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="190" />
        <source>La cabine est hors service : seul un technicien peut l'ouvrir.</source>
        <translation>The booth is out of service: only a technician can open it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="193" />
        <source>Tapez le numéro d'écrou de la personne.</source>
        <translation>Type the person's prison number.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="196" />
        <source>Ce numéro d'écrou est inconnu de la cabine. Vérifiez-le.</source>
        <translation>This booth does not know this prison number. Check it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="199" />
        <source>Vous n'avez pas de rendez-vous maintenant dans cette cabine. Réservez un créneau, puis revenez à l'heure prévue.</source>
        <translation>You have no appointment in this booth now. Book a slot, then come back at that time.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="204" />
        <source>L'appel n'est pas possible</source>
        <translation>The call is not possible</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="207" />
        <source>Le service central ne répond pas</source>
        <translation>The central service does not answer</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="210" />
        <source>Le service central ne répond pas. Les réservations sont impossibles pour le moment. Réessayez dans quelques minutes.</source>
        <translation>The central service does not answer. Bookings are not possible for now. Try again in a few minutes.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="215" />
        <source>Le service central ne répond pas, l'appel ne peut pas partir. Ce n'est pas de votre faute. Réessayez dans quelques minutes ou prévenez le surveillant.</source>
        <translation>The central service does not answer, so the call cannot start. It is not your fault. Try again in a few minutes or tell the guard.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="220" />
        <source>Un appareil de la cabine ne fonctionne pas</source>
        <translation>A device of the booth is not working</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="223" />
        <source>La caméra ou le micro de la cabine ne répond pas. Prévenez le surveillant : un technicien viendra le réparer.</source>
        <translation>The booth's camera or microphone does not answer. Tell the guard: a technician will come and repair it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="228" />
        <source>La cabine n'arrive pas à lire ses données. Prévenez le surveillant.</source>
        <translation>The booth cannot read its data. Tell the guard.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="231" />
        <source>Aucun créneau libre ce jour-là. Choisissez un autre jour.</source>
        <translation>No free slot on that day. Choose another day.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="234" />
        <source>Rendez-vous réservé</source>
        <translation>Appointment booked</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="235" />
        <source>Le rendez-vous est annulé.</source>
        <translation>The appointment is cancelled.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="236" />
        <source>C'est le rendez-vous en cours : il ne peut pas être annulé.</source>
        <translation>This is the current appointment: it cannot be cancelled.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="239" />
        <source>La cabine est maintenant hors service.</source>
        <translation>The booth is now out of service.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="242" />
        <source>La cabine est de nouveau en service.</source>
        <translation>The booth is back in service.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="249" />
        <source>Un instant, s'il vous plaît.</source>
        <translation>One moment, please.</translation>
    </message>
</context>
<context>
    <name>Window</name>
    <message>
        <location filename="../../kiosk/ui/window.py" line="109" />
        <source>Surveillant</source>
        <translation>Guard</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window.py" line="220" />
        <source>Sans action de votre part, la séance se termine dans {seconds} s. Touchez l'écran pour continuer.</source>
        <translation>Without any action, the session ends in {seconds} s. Touch the screen to go on.</translation>
    </message>
</context>
</TS>