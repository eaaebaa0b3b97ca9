"""Hand-written translations of the kiosk's French strings: source → (English, Arabic, Spanish).

`python -m kiosk.i18n_build` writes them into the .ts files made by
pyside6-lupdate and compiles the .qm files. A French string without an entry
here is reported by the build (and by tests/kiosk/test_i18n.py).
"""

from __future__ import annotations

LANGS = ("en", "ar", "es")

T: dict[str, tuple[str, str, str]] = {
    # ---------------------------------------------------------------- call screens
    "Avant l'appel : vérifiez l'image et le son": (
        "Before the call: check picture and sound",
        "قبل المكالمة: تحقّق من الصورة والصوت",
        "Antes de la llamada: compruebe la imagen y el sonido",
    ),
    "Placez-vous face à la caméra. Votre proche vous verra ainsi.": (
        "Face the camera. This is how your relative will see you.",
        "اجلس أمام الكاميرا. هكذا سيراك قريبك.",
        "Colóquese frente a la cámara. Así le verá su familiar.",
    ),
    "Pas d'image de la caméra": (
        "No picture from the camera",
        "لا توجد صورة من الكاميرا",
        "No hay imagen de la cámara",
    ),
    "Votre image (comme dans un miroir)": (
        "Your picture (as in a mirror)",
        "صورتك (كما في المرآة)",
        "Su imagen (como en un espejo)",
    ),
    "Vous appelez": ("You are calling", "أنت تتصل بـ", "Usted llama a"),
    "Durée autorisée": ("Time allowed", "المدة المسموح بها", "Duración permitida"),
    "{price} la minute": ("{price} per minute", "{price} للدقيقة", "{price} por minuto"),
    "{fee} de mise en relation": (
        "{fee} connection fee",
        "{fee} رسوم الاتصال",
        "{fee} de establecimiento de llamada",
    ),
    "Tarif": ("Rate", "السعر", "Tarifa"),
    "Coût estimé si l'appel dure {duration}": (
        "Estimated cost if the call lasts {duration}",
        "التكلفة التقديرية إذا استمرت المكالمة {duration}",
        "Coste estimado si la llamada dura {duration}",
    ),
    "Appel confidentiel : il n'est ni écouté ni enregistré.": (
        "Confidential call: it is neither listened to nor recorded.",
        "مكالمة سرّية: لا يُستمع إليها ولا تُسجَّل.",
        "Llamada confidencial: no se escucha ni se graba.",
    ),
    "Micro : parlez, la barre doit bouger.": (
        "Microphone: speak, the bar should move.",
        "الميكروفون: تكلّم، يجب أن يتحرك الشريط.",
        "Micrófono: hable, la barra debe moverse.",
    ),
    "Retour": ("Back", "رجوع", "Volver"),
    "Appeler": ("Call", "اتصال", "Llamar"),
    "Nous attendons votre proche": (
        "Waiting for your relative",
        "ننتظر قريبك",
        "Esperamos a su familiar",
    ),
    "Un SMS avec un code a été envoyé au {number} ; votre proche a 5 minutes pour rejoindre.": (
        "A text message with a code was sent to {number}; your relative has 5 minutes to join.",
        "أُرسلت رسالة نصية فيها رمز إلى الرقم {number}؛ أمام قريبك 5 دقائق للانضمام.",
        "Se ha enviado un SMS con un código al {number}; su familiar tiene 5 minutos para unirse.",
    ),
    "temps restant pour rejoindre": (
        "time left to join",
        "الوقت المتبقي للانضمام",
        "tiempo restante para unirse",
    ),
    "Annuler l'appel": ("Cancel the call", "إلغاء المكالمة", "Cancelar la llamada"),
    "Confirmer : annuler l'appel": (
        "Confirm: cancel the call",
        "تأكيد: إلغاء المكالمة",
        "Confirmar: cancelar la llamada",
    ),
    "Votre proche a quitté l'appel.": (
        "Your relative has left the call.",
        "غادر قريبك المكالمة.",
        "Su familiar ha salido de la llamada.",
    ),
    "temps restant": ("time left", "الوقت المتبقي", "tiempo restante"),
    "Coût : {cost}": ("Cost: {cost}", "التكلفة: {cost}", "Coste: {cost}"),
    "Crédit restant : {balance}": (
        "Credit left: {balance}",
        "الرصيد المتبقي: {balance}",
        "Saldo restante: {balance}",
    ),
    "Activer le micro": ("Unmute", "تشغيل الميكروفون", "Activar el micrófono"),
    "Couper le micro": ("Mute", "كتم الميكروفون", "Silenciar el micrófono"),
    "Masquer mon image": ("Hide my picture", "إخفاء صورتي", "Ocultar mi imagen"),
    "Afficher mon image": ("Show my picture", "إظهار صورتي", "Mostrar mi imagen"),
    "Surveillant": ("Guard", "الحارس", "Funcionario"),
    "Raccrocher": ("Hang up", "إنهاء المكالمة", "Colgar"),
    "Confirmer : raccrocher": ("Confirm: hang up", "تأكيد: إنهاء المكالمة", "Confirmar: colgar"),
    "Votre proche a quitté l'appel. Il a encore {seconds} s pour revenir ; "
    "ce temps n'est pas facturé.": (
        "Your relative has left the call. They have {seconds} s left to come back; "
        "this time is not charged.",
        "غادر قريبك المكالمة. أمامه {seconds} ثانية للعودة؛ هذا الوقت غير محسوب.",
        "Su familiar ha salido de la llamada. Le quedan {seconds} s para volver; "
        "este tiempo no se cobra.",
    ),
    "Fin de l'appel dans {seconds} s": (
        "Call ends in {seconds} s",
        "تنتهي المكالمة خلال {seconds} ثانية",
        "La llamada termina en {seconds} s",
    ),
    "Il reste moins d'une minute. Dites au revoir.": (
        "Less than one minute left. Say goodbye.",
        "بقيت أقل من دقيقة. ودّع قريبك.",
        "Queda menos de un minuto. Despídase.",
    ),
    "Il reste moins de 5 minutes.": (
        "Less than 5 minutes left.",
        "بقيت أقل من 5 دقائق.",
        "Quedan menos de 5 minutos.",
    ),
    "Appel terminé": ("Call ended", "انتهت المكالمة", "Llamada terminada"),
    "Durée": ("Duration", "المدة", "Duración"),
    "Prix": ("Price", "السعر", "Precio"),
    "Nouveau crédit": ("New credit", "الرصيد الجديد", "Nuevo saldo"),
    "La cabine se verrouille dans {seconds} s.": (
        "The booth locks in {seconds} s.",
        "ستُقفل المقصورة خلال {seconds} ثانية.",
        "La cabina se bloqueará en {seconds} s.",
    ),
    "Terminer": ("Finish", "إنهاء", "Terminar"),
    "Touchez « Terminer » quand vous êtes prêt à quitter la cabine.": (
        "Touch “Finish” when you are ready to leave the booth.",
        "المس «إنهاء» عندما تكون مستعدًا لمغادرة المقصورة.",
        "Toque «Terminar» cuando esté listo para salir de la cabina.",
    ),
    # ---------------------------------------------------------------- formats
    "{h} h {m} min": ("{h} h {m} min", "{h} س {m} د", "{h} h {m} min"),
    "{m} min": ("{m} min", "{m} دقيقة", "{m} min"),
    "{m} min {s} s": ("{m} min {s} s", "{m} د {s} ث", "{m} min {s} s"),
    "{s} s": ("{s} s", "{s} ث", "{s} s"),
    # ---------------------------------------------------------------- session screens
    "Hors forfait": ("No plan", "بدون باقة", "Sin tarifa plana"),
    "Forfait {amount} €": ("{amount} € plan", "باقة {amount} €", "Tarifa de {amount} €"),
    "{day}, {start} – {end}": (
        "{day}, {start} – {end}",
        "{day}، {start} – {end}",
        "{day}, {start} – {end}",
    ),
    "Bonjour {name}": ("Hello {name}", "مرحبًا {name}", "Hola, {name}"),
    "Tapez votre code personnel sur le clavier, puis « Valider ».": (
        "Type your personal code on the keypad, then “Confirm”.",
        "اكتب رمزك الشخصي على لوحة الأرقام، ثم اضغط «تأكيد».",
        "Escriba su código personal en el teclado y pulse «Confirmar».",
    ),
    "Votre code": ("Your code", "رمزك", "Su código"),
    "Ce n'est pas moi": ("This is not me", "لست أنا", "No soy yo"),
    "Valider": ("Confirm", "تأكيد", "Confirmar"),
    "Trop d'essais. Vous pourrez réessayer dans {seconds} s.": (
        "Too many tries. You can try again in {seconds} s.",
        "محاولات كثيرة. يمكنك إعادة المحاولة بعد {seconds} ثانية.",
        "Demasiados intentos. Podrá volver a intentarlo en {seconds} s.",
    ),
    "Que voulez-vous faire ?": (
        "What would you like to do?",
        "ماذا تريد أن تفعل؟",
        "¿Qué desea hacer?",
    ),
    "Crédit téléphonie": ("Phone credit", "رصيد الهاتف", "Saldo telefónico"),
    "Formule": ("Plan", "الباقة", "Tarifa"),
    "Votre rendez-vous de maintenant": (
        "Your appointment now",
        "موعدك الآن",
        "Su cita de ahora",
    ),
    "{start} – {end}": ("{start} – {end}", "{start} – {end}", "{start} – {end}"),
    "Avec {contact}": ("With {contact}", "مع {contact}", "Con {contact}"),
    "Pas de rendez-vous maintenant": (
        "No appointment now",
        "لا يوجد موعد الآن",
        "No tiene cita ahora",
    ),
    "Vous pouvez réserver un créneau pour appeler plus tard.": (
        "You can book a slot to call later.",
        "يمكنك حجز موعد للاتصال لاحقًا.",
        "Puede reservar una franja para llamar más tarde.",
    ),
    "Langue :": ("Language:", "اللغة:", "Idioma:"),
    "Mes réservations": ("My bookings", "حجوزاتي", "Mis reservas"),
    "Réserver un créneau": ("Book a slot", "حجز موعد", "Reservar una franja"),
    "L'appel dure 30 minutes au plus. Il est payé à la minute sur votre compte téléphonie.": (
        "A call lasts 30 minutes at most. It is paid per minute from your phone account.",
        "تدوم المكالمة 30 دقيقة على الأكثر. تُدفع بالدقيقة من حساب الهاتف الخاص بك.",
        "La llamada dura 30 minutos como máximo. Se paga por minuto con su cuenta telefónica.",
    ),
    "Seules les personnes autorisées peuvent être à l'écran ou parler. Un enfant mineur "
    "seulement avec l'accord de ses parents.": (
        "Only authorised people may appear on screen or speak. A child only with "
        "their parents' consent.",
        "لا يجوز الظهور على الشاشة أو التكلم إلا للأشخاص المأذون لهم. ولا يشارك "
        "القاصر إلا بموافقة والديه.",
        "Solo las personas autorizadas pueden aparecer en pantalla o hablar. Un menor "
        "solo con el permiso de sus padres.",
    ),
    "Les gestes ou paroles indécents ou violents sont interdits.": (
        "Indecent or violent gestures or words are forbidden.",
        "يُمنع كل تصرف أو كلام غير لائق أو عنيف.",
        "Están prohibidos los gestos o palabras indecentes o violentos.",
    ),
    "L'appel peut être écouté et regardé, en direct ou plus tard, par le personnel "
    "chargé des écoutes.": (
        "The call may be listened to and watched, live or later, by the monitoring staff.",
        "يمكن لموظفي المراقبة الاستماع إلى المكالمة ومشاهدتها، مباشرةً أو لاحقًا.",
        "La llamada puede ser escuchada y vista, en directo o más tarde, por el personal "
        "de escucha.",
    ),
    "Si une règle n'est pas respectée, la visio ou le téléphone peut être suspendu ou "
    "retiré. La sanction s'applique au numéro appelé.": (
        "If a rule is broken, video calls or the phone may be suspended or withdrawn. "
        "The sanction applies to the number called.",
        "إذا خولفت قاعدة، يمكن تعليق مكالمات الفيديو أو الهاتف أو سحبها. وتُطبَّق "
        "العقوبة على الرقم المتصَل به.",
        "Si no se respeta una norma, la videollamada o el teléfono pueden suspenderse o "
        "retirarse. La sanción se aplica al número llamado.",
    ),
    "Les règles de la visio": (
        "Video call rules",
        "قواعد مكالمة الفيديو",
        "Normas de la videollamada",
    ),
    "Lisez-les avant votre premier appel.": (
        "Read them before your first call.",
        "اقرأها قبل مكالمتك الأولى.",
        "Léalas antes de su primera llamada.",
    ),
    "Rappel des règles": ("Rules reminder", "تذكير بالقواعد", "Recordatorio de las normas"),
    "Avant chaque appel, un court rappel.": (
        "A short reminder before each call.",
        "تذكير قصير قبل كل مكالمة.",
        "Un breve recordatorio antes de cada llamada.",
    ),
    "Captation de l'image et du son": (
        "Recording of picture and sound",
        "تسجيل الصورة والصوت",
        "Captación de imagen y sonido",
    ),
    "En utilisant la visio, vous acceptez que l'image et le son de vos appels soient captés "
    "et enregistrés, selon la loi Informatique et Libertés. Les enregistrements sont détruits "
    "après 90 jours, sauf s'ils sont remis à la justice. Les appels à votre avocat ne sont ni "
    "écoutés ni enregistrés.": (
        "By using video calls, you accept that the picture and sound of your calls are "
        "captured and recorded, under the French data protection law. Recordings are "
        "destroyed after 90 days unless handed to the courts. Calls to your lawyer are "
        "neither listened to nor recorded.",
        "باستخدامك مكالمات الفيديو، فإنك توافق على التقاط صورة مكالماتك وصوتها وتسجيلهما "
        "وفق قانون المعلوماتية والحريات الفرنسي. تُتلف التسجيلات بعد 90 يومًا إلا إذا "
        "سُلّمت إلى القضاء. ولا يُستمع إلى مكالماتك مع محاميك ولا تُسجَّل.",
        "Al usar la videollamada, acepta que la imagen y el sonido de sus llamadas se capten "
        "y graben, conforme a la ley francesa de protección de datos. Las grabaciones se "
        "destruyen a los 90 días, salvo si se entregan a la justicia. Las llamadas a su "
        "abogado no se escuchan ni se graban.",
    ),
    "J'ai lu les règles et j'accepte la captation": (
        "I have read the rules and accept the recording",
        "قرأت القواعد وأوافق على التسجيل",
        "He leído las normas y acepto la captación",
    ),
    "J'accepte": ("I accept", "أوافق", "Acepto"),
    "J'ai compris": ("I understand", "فهمت", "Entendido"),
    "Réserver : qui voulez-vous appeler ?": (
        "Book: who do you want to call?",
        "الحجز: بمن تريد أن تتصل؟",
        "Reservar: ¿a quién quiere llamar?",
    ),
    "Qui voulez-vous appeler maintenant ?": (
        "Who do you want to call now?",
        "بمن تريد أن تتصل الآن؟",
        "¿A quién quiere llamar ahora?",
    ),
    "Seuls vos numéros autorisés sont proposés.": (
        "Only your authorised numbers are shown.",
        "تظهر هنا أرقامك المأذون بها فقط.",
        "Solo se muestran sus números autorizados.",
    ),
    "numéro suspendu": ("number suspended", "الرقم معلّق", "número suspendido"),
    "numéro retiré": ("number withdrawn", "الرقم مسحوب", "número retirado"),
    "Réserver : choisissez le jour et l'heure": (
        "Book: choose the day and time",
        "الحجز: اختر اليوم والساعة",
        "Reservar: elija el día y la hora",
    ),
    "Rendez-vous avec {name}. Les créneaux durent 30 minutes.": (
        "Appointment with {name}. Slots last 30 minutes.",
        "موعد مع {name}. مدة كل موعد 30 دقيقة.",
        "Cita con {name}. Las franjas duran 30 minutos.",
    ),
    "Aujourd'hui": ("Today", "اليوم", "Hoy"),
    "Demain": ("Tomorrow", "غدًا", "Mañana"),
    "Réserver {day} à {time}": (
        "Book {day} at {time}",
        "احجز {day} الساعة {time}",
        "Reservar el {day} a las {time}",
    ),
    "Réserver": ("Book", "احجز", "Reservar"),
    "Vos prochains rendez-vous de visio.": (
        "Your next video call appointments.",
        "مواعيد مكالمات الفيديو القادمة.",
        "Sus próximas citas de videollamada.",
    ),
    "Vous n'avez aucun rendez-vous à venir.": (
        "You have no upcoming appointment.",
        "ليس لديك أي موعد قادم.",
        "No tiene ninguna cita próxima.",
    ),
    "En cours": ("Now", "جارٍ الآن", "En curso"),
    "Annuler la réservation": ("Cancel the booking", "إلغاء الحجز", "Cancelar la reserva"),
    "Confirmer l'annulation": ("Confirm cancellation", "تأكيد الإلغاء", "Confirmar la cancelación"),
    "Retour à l'accueil": ("Back to start", "العودة إلى البداية", "Volver al inicio"),
    # ---------------------------------------------------------------- staff screens
    "État du service central : vérification…": (
        "Central service: checking…",
        "الخدمة المركزية: جارٍ التحقق…",
        "Servicio central: comprobando…",
    ),
    "Service central joignable · dernière synchronisation à {time}": (
        "Central service reachable · last sync at {time}",
        "الخدمة المركزية متاحة · آخر مزامنة الساعة {time}",
        "Servicio central disponible · última sincronización a las {time}",
    ),
    "Service central injoignable (dernière synchronisation à {time}) : les appels et les "
    "réservations sont impossibles pour le moment.": (
        "Central service unreachable (last sync at {time}): calls and bookings are not "
        "possible for now.",
        "الخدمة المركزية غير متاحة (آخر مزامنة الساعة {time}): لا يمكن الاتصال ولا "
        "الحجز في الوقت الحالي.",
        "Servicio central no disponible (última sincronización a las {time}): por ahora no "
        "se puede llamar ni reservar.",
    ),
    "Envois en attente vers le central : {count}": (
        "Uploads waiting for central: {count}",
        "إرسالات في انتظار الخدمة المركزية: {count}",
        "Envíos pendientes hacia el servicio central: {count}",
    ),
    "Sans action de votre part, la séance se termine dans {seconds} s. "
    "Touchez l'écran pour continuer.": (
        "Without any action, the session ends in {seconds} s. Touch the screen to go on.",
        "إذا لم تقم بأي إجراء، تنتهي الجلسة خلال {seconds} ثانية. المس الشاشة للمتابعة.",
        "Si no hace nada, la sesión termina en {seconds} s. Toque la pantalla para seguir.",
    ),
    "Cabine de visio": ("Video call booth", "مقصورة مكالمات الفيديو", "Cabina de videollamada"),
    "Prochains rendez-vous dans cette cabine": (
        "Next appointments in this booth",
        "المواعيد القادمة في هذه المقصورة",
        "Próximas citas en esta cabina",
    ),
    "Aucun rendez-vous prévu aujourd'hui.": (
        "No appointment planned today.",
        "لا يوجد موعد مبرمج اليوم.",
        "No hay ninguna cita prevista hoy.",
    ),
    "{day} · {start} – {end}": (
        "{day} · {start} – {end}",
        "{day} · {start} – {end}",
        "{day} · {start} – {end}",
    ),
    "Cabine hors service": ("Booth out of service", "المقصورة معطّلة", "Cabina fuera de servicio"),
    "Cette cabine ne peut pas être utilisée pour le moment. Adressez-vous au surveillant.": (
        "This booth cannot be used for now. Please ask the guard.",
        "لا يمكن استعمال هذه المقصورة حاليًا. توجّه إلى الحارس.",
        "Esta cabina no se puede usar por ahora. Diríjase al funcionario.",
    ),
    "Technicien": ("Technician", "الفني", "Técnico"),
    "Surveillant ou technicien : ouvrir la cabine": (
        "Guard or technician: open the booth",
        "الحارس أو الفني: فتح المقصورة",
        "Funcionario o técnico: abrir la cabina",
    ),
    "Surveillant : terminer la séance": (
        "Guard: end the session",
        "الحارس: إنهاء الجلسة",
        "Funcionario: terminar la sesión",
    ),
    "Technicien : intervenir sur la cabine": (
        "Technician: service the booth",
        "الفني: صيانة المقصورة",
        "Técnico: intervenir en la cabina",
    ),
    "Tapez votre code ou passez votre badge, puis « Valider ».": (
        "Type your code or swipe your badge, then “Confirm”.",
        "اكتب رمزك أو مرّر شارتك، ثم اضغط «تأكيد».",
        "Escriba su código o pase su tarjeta y pulse «Confirmar».",
    ),
    "Code personnel": ("Personal code", "الرمز الشخصي", "Código personal"),
    "Trop d'essais. Réessayez dans {seconds} s.": (
        "Too many tries. Try again in {seconds} s.",
        "محاولات كثيرة. أعد المحاولة بعد {seconds} ثانية.",
        "Demasiados intentos. Inténtelo de nuevo en {seconds} s.",
    ),
    "Fermer la cabine": ("Close the booth", "إغلاق المقصورة", "Cerrar la cabina"),
    "Séance réservation seule": (
        "Booking-only session",
        "جلسة حجز فقط",
        "Sesión solo para reservar",
    ),
    "Séance sans rendez-vous (réservation seule)": (
        "Session without appointment (booking only)",
        "جلسة بدون موعد (للحجز فقط)",
        "Sesión sin cita (solo reservas)",
    ),
    "Tapez le numéro d'écrou de la personne détenue.": (
        "Type the detainee's prison number.",
        "اكتب رقم السجل الخاص بالشخص المحتجز.",
        "Escriba el número de registro de la persona detenida.",
    ),
    "Numéro d'écrou": ("Prison number", "رقم السجل", "Número de registro"),
    "Choisissez la séance à ouvrir": (
        "Choose the session to open",
        "اختر الجلسة التي تريد فتحها",
        "Elija la sesión que desea abrir",
    ),
    "Touchez le rendez-vous de maintenant, puis confiez la cabine à la personne.": (
        "Touch the appointment of now, then hand the booth over to the person.",
        "المس موعد الآن، ثم سلّم المقصورة إلى الشخص.",
        "Toque la cita de ahora y deje la cabina a la persona.",
    ),
    "Aucun rendez-vous en ce moment dans cette cabine.": (
        "No appointment in this booth right now.",
        "لا يوجد موعد في هذه المقصورة الآن.",
        "No hay ninguna cita en esta cabina ahora.",
    ),
    "{start} – {end} · {name} · avec {contact}": (
        "{start} – {end} · {name} · with {contact}",
        "{start} – {end} · {name} · مع {contact}",
        "{start} – {end} · {name} · con {contact}",
    ),
    "Mode technicien": ("Technician mode", "وضع الفني", "Modo técnico"),
    "Microphone : parlez, la barre doit bouger.": (
        "Microphone: speak, the bar should move.",
        "الميكروفون: تكلّم، يجب أن يتحرك الشريط.",
        "Micrófono: hable, la barra debe moverse.",
    ),
    "Tester le haut-parleur": ("Test the speaker", "اختبار مكبّر الصوت", "Probar el altavoz"),
    "Tests du matériel": ("Hardware tests", "اختبارات المعدات", "Pruebas del equipo"),
    "OK": ("OK", "سليم", "Correcto"),
    "En panne": ("Faulty", "معطّل", "Averiado"),
    "Relancer les tests": ("Run the tests again", "إعادة الاختبارات", "Repetir las pruebas"),
    "Remettre en service": ("Put back in service", "إعادة التشغيل", "Volver a poner en servicio"),
    "Confirmer : remettre en service": (
        "Confirm: back in service",
        "تأكيد: إعادة التشغيل",
        "Confirmar: volver a poner en servicio",
    ),
    "Mettre hors service": ("Put out of service", "إيقاف الخدمة", "Poner fuera de servicio"),
    "Confirmer : hors service": (
        "Confirm: out of service",
        "تأكيد: إيقاف الخدمة",
        "Confirmar: fuera de servicio",
    ),
    "Quitter l'application": (
        "Quit the application",
        "الخروج من التطبيق",
        "Salir de la aplicación",
    ),
    "Confirmer : quitter": ("Confirm: quit", "تأكيد: الخروج", "Confirmar: salir"),
    "Fermer": ("Close", "إغلاق", "Cerrar"),
    # ---------------------------------------------------------------- refusals
    "Ce créneau est déjà passé. Choisissez un autre horaire.": (
        "This slot has already passed. Choose another time.",
        "هذا الموعد قد مضى. اختر وقتًا آخر.",
        "Esta franja ya ha pasado. Elija otra hora.",
    ),
    "Ce créneau n'est pas proposé. Choisissez un horaire dans la liste.": (
        "This slot is not offered. Choose a time from the list.",
        "هذا الموعد غير متاح. اختر وقتًا من القائمة.",
        "Esta franja no está disponible. Elija una hora de la lista.",
    ),
    "Ce créneau commence trop tôt pour être réservé (délai de prévenance). "
    "Choisissez un horaire plus tard.": (
        "This slot starts too soon to be booked (notice period). Choose a later time.",
        "يبدأ هذا الموعد قريبًا جدًا ولا يمكن حجزه (مهلة الإشعار). اختر وقتًا لاحقًا.",
        "Esta franja empieza demasiado pronto para reservarla (plazo de aviso). "
        "Elija una hora más tarde.",
    ),
    "Ce créneau est trop loin dans le temps. Réservez-le dans quelques jours.": (
        "This slot is too far ahead. Book it in a few days.",
        "هذا الموعد بعيد جدًا. احجزه بعد بضعة أيام.",
        "Esta franja está demasiado lejos. Resérvela dentro de unos días.",
    ),
    "Ce créneau vient d'être pris. Choisissez un autre horaire.": (
        "This slot has just been taken. Choose another time.",
        "حُجز هذا الموعد للتو. اختر وقتًا آخر.",
        "Esta franja acaba de ser reservada. Elija otra hora.",
    ),
    "Vous avez déjà un rendez-vous à cette heure-là. Choisissez un autre horaire.": (
        "You already have an appointment at that time. Choose another time.",
        "لديك موعد آخر في هذا الوقت. اختر وقتًا آخر.",
        "Ya tiene una cita a esa hora. Elija otra hora.",
    ),
    "Vous avez atteint le nombre de rendez-vous autorisés pour cette période. "
    "Réservez pour la période suivante.": (
        "You have reached the number of appointments allowed for this period. "
        "Book for the next period.",
        "بلغت عدد المواعيد المسموح به لهذه الفترة. احجز للفترة القادمة.",
        "Ha alcanzado el número de citas permitidas en este periodo. "
        "Reserve para el periodo siguiente.",
    ),
    "Il est trop tard pour annuler ce rendez-vous. Adressez-vous au surveillant.": (
        "It is too late to cancel this appointment. Please ask the guard.",
        "فات وقت إلغاء هذا الموعد. توجّه إلى الحارس.",
        "Es demasiado tarde para cancelar esta cita. Diríjase al funcionario.",
    ),
    "Ce rendez-vous a déjà commencé. Il ne peut plus être annulé.": (
        "This appointment has already started. It can no longer be cancelled.",
        "بدأ هذا الموعد. لم يعد من الممكن إلغاؤه.",
        "Esta cita ya ha empezado. Ya no se puede cancelar.",
    ),
    "Votre crédit est insuffisant pour appeler. Rechargez votre compte téléphonie.": (
        "Your credit is too low to call. Top up your phone account.",
        "رصيدك غير كافٍ للاتصال. اشحن حساب الهاتف الخاص بك.",
        "Su saldo no es suficiente para llamar. Recargue su cuenta telefónica.",
    ),
    "Il ne reste plus de temps sur ce créneau. Réservez un nouveau rendez-vous.": (
        "There is no time left in this slot. Book a new appointment.",
        "لم يبق وقت في هذا الموعد. احجز موعدًا جديدًا.",
        "No queda tiempo en esta franja. Reserve una nueva cita.",
    ),
    "Votre formule de paiement est inconnue. Adressez-vous au surveillant.": (
        "Your payment plan is unknown. Please ask the guard.",
        "باقة الدفع الخاصة بك غير معروفة. توجّه إلى الحارس.",
        "Su tarifa de pago es desconocida. Diríjase al funcionario.",
    ),
    "Ce numéro n'est pas autorisé. Demandez son autorisation au greffe.": (
        "This number is not authorised. Ask the registry to authorise it.",
        "هذا الرقم غير مأذون به. اطلب الإذن من كتابة الضبط.",
        "Este número no está autorizado. Pida su autorización a la secretaría.",
    ),
    "Ce numéro est suspendu pour le moment. Choisissez un autre proche.": (
        "This number is suspended for now. Choose another relative.",
        "هذا الرقم معلّق حاليًا. اختر قريبًا آخر.",
        "Este número está suspendido por ahora. Elija a otro familiar.",
    ),
    "Ce numéro n'est plus autorisé. Adressez-vous au greffe.": (
        "This number is no longer authorised. Please ask the registry.",
        "لم يعد هذا الرقم مأذونًا به. توجّه إلى كتابة الضبط.",
        "Este número ya no está autorizado. Diríjase a la secretaría.",
    ),
    "Votre accès à la visio est suspendu pour le moment. Adressez-vous au surveillant.": (
        "Your access to video calls is suspended for now. Please ask the guard.",
        "حقك في مكالمات الفيديو معلّق حاليًا. توجّه إلى الحارس.",
        "Su acceso a la videollamada está suspendido por ahora. Diríjase al funcionario.",
    ),
    "Votre accès à la visio a été retiré. Adressez-vous au surveillant.": (
        "Your access to video calls has been withdrawn. Please ask the guard.",
        "سُحب حقك في مكالمات الفيديو. توجّه إلى الحارس.",
        "Su acceso a la videollamada ha sido retirado. Diríjase al funcionario.",
    ),
    "Cette demande n'est pas possible. Adressez-vous au surveillant.": (
        "This request is not possible. Please ask the guard.",
        "هذا الطلب غير ممكن. توجّه إلى الحارس.",
        "Esta solicitud no es posible. Diríjase al funcionario.",
    ),
    # ---------------------------------------------------------------- end reasons
    "Vous avez raccroché.": ("You hung up.", "أنهيت المكالمة.", "Usted ha colgado."),
    "Votre proche a raccroché.": (
        "Your relative hung up.",
        "أنهى قريبك المكالمة.",
        "Su familiar ha colgado.",
    ),
    "Le temps de l'appel est écoulé.": (
        "The call time is over.",
        "انتهى وقت المكالمة.",
        "El tiempo de la llamada ha terminado.",
    ),
    "Votre crédit est épuisé. Rechargez votre compte téléphonie.": (
        "Your credit has run out. Top up your phone account.",
        "نفد رصيدك. اشحن حساب الهاتف الخاص بك.",
        "Se ha agotado su saldo. Recargue su cuenta telefónica.",
    ),
    "L'appel a été arrêté par le personnel de surveillance.": (
        "The call was stopped by the monitoring staff.",
        "أوقف موظفو المراقبة المكالمة.",
        "El personal de vigilancia ha detenido la llamada.",
    ),
    "Votre proche n'a pas rejoint l'appel dans les 5 minutes. "
    "Vous pourrez réessayer sur un autre créneau.": (
        "Your relative did not join within 5 minutes. You can try again in another slot.",
        "لم ينضم قريبك إلى المكالمة خلال 5 دقائق. يمكنك المحاولة في موعد آخر.",
        "Su familiar no se ha unido en 5 minutos. Podrá intentarlo en otra franja.",
    ),
    "La connexion de votre proche a été perdue et n'est pas revenue.": (
        "Your relative's connection was lost and did not come back.",
        "انقطع اتصال قريبك ولم يعد.",
        "Se perdió la conexión de su familiar y no ha vuelto.",
    ),
    "Vous avez annulé l'appel.": (
        "You cancelled the call.",
        "ألغيت المكالمة.",
        "Ha cancelado la llamada.",
    ),
    "L'appel a été terminé par un surveillant.": (
        "A guard ended the call.",
        "أنهى أحد الحراس المكالمة.",
        "Un funcionario ha terminado la llamada.",
    ),
    "Un problème technique a interrompu l'appel. Ce n'est pas de votre faute.": (
        "A technical problem interrupted the call. It is not your fault.",
        "قطع عطل تقني المكالمة. ليس ذلك خطأك.",
        "Un problema técnico ha interrumpido la llamada. No es culpa suya.",
    ),
    "L'appel est terminé.": ("The call is over.", "انتهت المكالمة.", "La llamada ha terminado."),
    # ---------------------------------------------------------------- devices
    "Caméra": ("Camera", "الكاميرا", "Cámara"),
    "Microphone": ("Microphone", "الميكروفون", "Micrófono"),
    "Haut-parleur": ("Speaker", "مكبّر الصوت", "Altavoz"),
    "Écran": ("Screen", "الشاشة", "Pantalla"),
    "Réseau": ("Network", "الشبكة", "Red"),
    "Synchronisation": ("Synchronisation", "المزامنة", "Sincronización"),
    "Données locales": ("Local data", "البيانات المحلية", "Datos locales"),
    # ---------------------------------------------------------------- flow messages
    "Ce code n'est pas le bon. Essais restants : {tries}.": (
        "This code is not right. Tries left: {tries}.",
        "هذا الرمز غير صحيح. المحاولات المتبقية: {tries}.",
        "Este código no es correcto. Intentos restantes: {tries}.",
    ),
    "Votre rendez-vous avec {contact} est réservé : {day} à {time}. "
    "Prévenez votre proche de l'heure.": (
        "Your appointment with {contact} is booked: {day} at {time}. Tell your relative the time.",
        "تم حجز موعدك مع {contact}: {day} الساعة {time}. أخبر قريبك بالموعد.",
        "Su cita con {contact} está reservada: {day} a las {time}. Avise a su familiar de la hora.",
    ),
    "{device} ne répond pas. Vérifiez le branchement puis relancez les tests.": (
        "{device} does not answer. Check the cable, then run the tests again.",
        "{device} لا يستجيب. تحقّق من التوصيل ثم أعد الاختبارات.",
        "{device} no responde. Compruebe la conexión y repita las pruebas.",
    ),
    "Vérification du code…": (
        "Checking the code…",
        "جارٍ التحقق من الرمز…",
        "Comprobando el código…",
    ),
    "Chargement…": ("Loading…", "جارٍ التحميل…", "Cargando…"),
    "Recherche des créneaux libres…": (
        "Looking for free slots…",
        "جارٍ البحث عن المواعيد المتاحة…",
        "Buscando franjas libres…",
    ),
    "Réservation en cours…": ("Booking…", "جارٍ الحجز…", "Reservando…"),
    "Annulation en cours…": ("Cancelling…", "جارٍ الإلغاء…", "Cancelando…"),
    "Préparation de l'appel et envoi du SMS à votre proche…": (
        "Preparing the call and texting your relative…",
        "جارٍ تحضير المكالمة وإرسال الرسالة النصية إلى قريبك…",
        "Preparando la llamada y enviando el SMS a su familiar…",
    ),
    "Annulation de l'appel…": (
        "Cancelling the call…",
        "جارٍ إلغاء المكالمة…",
        "Cancelando la llamada…",
    ),
    "Fin de l'appel…": ("Ending the call…", "جارٍ إنهاء المكالمة…", "Terminando la llamada…"),
    "Tests du matériel en cours…": (
        "Testing the hardware…",
        "جارٍ اختبار المعدات…",
        "Probando el equipo…",
    ),
    "Trop d'essais. Patientez avant de réessayer.": (
        "Too many tries. Please wait before trying again.",
        "محاولات كثيرة. انتظر قبل إعادة المحاولة.",
        "Demasiados intentos. Espere antes de volver a intentarlo.",
    ),
    "Le code est trop court. Tapez tous les chiffres.": (
        "The code is too short. Type all the digits.",
        "الرمز قصير جدًا. اكتب كل الأرقام.",
        "El código es demasiado corto. Escriba todas las cifras.",
    ),
    "Code ou badge non reconnu. Réessayez.": (
        "Code or badge not recognised. Try again.",
        "الرمز أو الشارة غير معروفين. أعد المحاولة.",
        "Código o tarjeta no reconocidos. Inténtelo de nuevo.",
    ),
    "La cabine est hors service : seul un technicien peut l'ouvrir.": (
        "The booth is out of service: only a technician can open it.",
        "المقصورة معطّلة: لا يفتحها إلا الفني.",
        "La cabina está fuera de servicio: solo un técnico puede abrirla.",
    ),
    "Tapez le numéro d'écrou de la personne.": (
        "Type the person's prison number.",
        "اكتب رقم السجل الخاص بالشخص.",
        "Escriba el número de registro de la persona.",
    ),
    "Ce numéro d'écrou est inconnu de la cabine. Vérifiez-le.": (
        "This booth does not know this prison number. Check it.",
        "رقم السجل هذا غير معروف لدى المقصورة. تحقّق منه.",
        "Esta cabina no conoce este número de registro. Compruébelo.",
    ),
    "Vous n'avez pas de rendez-vous maintenant dans cette cabine. Réservez un créneau, "
    "puis revenez à l'heure prévue.": (
        "You have no appointment in this booth now. Book a slot, then come back at that time.",
        "ليس لديك موعد الآن في هذه المقصورة. احجز موعدًا ثم عُد في الوقت المحدد.",
        "No tiene cita ahora en esta cabina. Reserve una franja y vuelva a la hora prevista.",
    ),
    "L'appel n'est pas possible": (
        "The call is not possible",
        "المكالمة غير ممكنة",
        "La llamada no es posible",
    ),
    "Le service central ne répond pas": (
        "The central service does not answer",
        "الخدمة المركزية لا تستجيب",
        "El servicio central no responde",
    ),
    "Le service central ne répond pas. Les réservations sont impossibles pour le moment. "
    "Réessayez dans quelques minutes.": (
        "The central service does not answer. Bookings are not possible for now. "
        "Try again in a few minutes.",
        "الخدمة المركزية لا تستجيب. لا يمكن الحجز حاليًا. أعد المحاولة بعد بضع دقائق.",
        "El servicio central no responde. Por ahora no se puede reservar. "
        "Inténtelo de nuevo en unos minutos.",
    ),
    "Le service central ne répond pas, l'appel ne peut pas partir. Ce n'est pas de votre "
    "faute. Réessayez dans quelques minutes ou prévenez le surveillant.": (
        "The central service does not answer, so the call cannot start. It is not your "
        "fault. Try again in a few minutes or tell the guard.",
        "الخدمة المركزية لا تستجيب، ولا يمكن إجراء المكالمة. ليس ذلك خطأك. أعد "
        "المحاولة بعد بضع دقائق أو أخبر الحارس.",
        "El servicio central no responde y la llamada no puede salir. No es culpa suya. "
        "Inténtelo en unos minutos o avise al funcionario.",
    ),
    "Un appareil de la cabine ne fonctionne pas": (
        "A device of the booth is not working",
        "أحد أجهزة المقصورة لا يعمل",
        "Un aparato de la cabina no funciona",
    ),
    "La caméra ou le micro de la cabine ne répond pas. Prévenez le surveillant : un "
    "technicien viendra le réparer.": (
        "The booth's camera or microphone does not answer. Tell the guard: a technician "
        "will come and repair it.",
        "كاميرا المقصورة أو الميكروفون لا يستجيب. أخبر الحارس: سيأتي فني لإصلاحه.",
        "La cámara o el micrófono de la cabina no responde. Avise al funcionario: un "
        "técnico vendrá a repararlo.",
    ),
    "La cabine n'arrive pas à lire ses données. Prévenez le surveillant.": (
        "The booth cannot read its data. Tell the guard.",
        "لا تستطيع المقصورة قراءة بياناتها. أخبر الحارس.",
        "La cabina no consigue leer sus datos. Avise al funcionario.",
    ),
    "Aucun créneau libre ce jour-là. Choisissez un autre jour.": (
        "No free slot on that day. Choose another day.",
        "لا يوجد موعد متاح في هذا اليوم. اختر يومًا آخر.",
        "No hay franjas libres ese día. Elija otro día.",
    ),
    "Rendez-vous réservé": ("Appointment booked", "تم حجز الموعد", "Cita reservada"),
    "Le rendez-vous est annulé.": (
        "The appointment is cancelled.",
        "أُلغي الموعد.",
        "La cita está cancelada.",
    ),
    "C'est le rendez-vous en cours : il ne peut pas être annulé.": (
        "This is the current appointment: it cannot be cancelled.",
        "هذا هو الموعد الجاري: لا يمكن إلغاؤه.",
        "Es la cita en curso: no se puede cancelar.",
    ),
    "La cabine est maintenant hors service.": (
        "The booth is now out of service.",
        "المقصورة الآن معطّلة.",
        "La cabina está ahora fuera de servicio.",
    ),
    "La cabine est de nouveau en service.": (
        "The booth is back in service.",
        "عادت المقصورة إلى الخدمة.",
        "La cabina vuelve a estar en servicio.",
    ),
    "Un instant, s'il vous plaît.": (
        "One moment, please.",
        "لحظة من فضلك.",
        "Un momento, por favor.",
    ),
}
