<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ar" sourcelanguage="fr_FR">
<context>
    <name>Call</name>
    <message>
        <location filename="../../kiosk/ui/call.py" line="72" />
        <source>Avant l'appel : vérifiez l'image et le son</source>
        <translation>قبل المكالمة: تحقّق من الصورة والصوت</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="75" />
        <source>Placez-vous face à la caméra. Votre proche vous verra ainsi.</source>
        <translation>اجلس أمام الكاميرا. هكذا سيراك قريبك.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="79" />
        <location filename="../../kiosk/ui/call.py" line="177" />
        <source>Pas d'image de la caméra</source>
        <translation>لا توجد صورة من الكاميرا</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="81" />
        <location filename="../../kiosk/ui/call.py" line="179" />
        <source>Votre image (comme dans un miroir)</source>
        <translation>صورتك (كما في المرآة)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="86" />
        <source>Vous appelez</source>
        <translation>أنت تتصل بـ</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="90" />
        <source>Durée autorisée</source>
        <translation>المدة المسموح بها</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="94" />
        <source>{price} la minute</source>
        <translation>{price} للدقيقة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="98" />
        <source>{fee} de mise en relation</source>
        <translation>{fee} رسوم الاتصال</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="101" />
        <source>Tarif</source>
        <translation>السعر</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="105" />
        <source>Coût estimé si l'appel dure {duration}</source>
        <translation>التكلفة التقديرية إذا استمرت المكالمة {duration}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="112" />
        <source>Appel confidentiel : il n'est ni écouté ni enregistré.</source>
        <translation>مكالمة سرّية: لا يُستمع إليها ولا تُسجَّل.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="117" />
        <source>Micro : parlez, la barre doit bouger.</source>
        <translation>الميكروفون: تكلّم، يجب أن يتحرك الشريط.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="119" />
        <source>Retour</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="120" />
        <source>Appeler</source>
        <translation>اتصال</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="162" />
        <source>Nous attendons votre proche</source>
        <translation>ننتظر قريبك</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="167" />
        <source>Un SMS avec un code a été envoyé au {number} ; votre proche a 5 minutes pour rejoindre.</source>
        <translation>أُرسلت رسالة نصية فيها رمز إلى الرقم {number}؛ أمام قريبك 5 دقائق للانضمام.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="175" />
        <source>temps restant pour rejoindre</source>
        <translation>الوقت المتبقي للانضمام</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="182" />
        <source>Annuler l'appel</source>
        <translation>إلغاء المكالمة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="183" />
        <source>Confirmer : annuler l'appel</source>
        <translation>تأكيد: إلغاء المكالمة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="268" />
        <source>Votre proche a quitté l'appel.</source>
        <translation>غادر قريبك المكالمة.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="275" />
        <source>temps restant</source>
        <translation>الوقت المتبقي</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="277" />
        <source>Coût : {cost}</source>
        <translation>التكلفة: {cost}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="283" />
        <source>Crédit restant : {balance}</source>
        <translation>الرصيد المتبقي: {balance}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="288" />
        <source>Activer le micro</source>
        <translation>تشغيل الميكروفون</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="290" />
        <source>Couper le micro</source>
        <translation>كتم الميكروفون</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="294" />
        <source>Masquer mon image</source>
        <translation>إخفاء صورتي</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="296" />
        <source>Afficher mon image</source>
        <translation>إظهار صورتي</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="300" />
        <source>Surveillant</source>
        <translation>الحارس</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="302" />
        <source>Raccrocher</source>
        <translation>إنهاء المكالمة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="303" />
        <source>Confirmer : raccrocher</source>
        <translation>تأكيد: إنهاء المكالمة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="309" />
        <source>Votre proche a quitté l'appel. Il a encore {seconds} s pour revenir ; ce temps n'est pas facturé.</source>
        <translation>غادر قريبك المكالمة. أمامه {seconds} ثانية للعودة؛ هذا الوقت غير محسوب.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="316" />
        <source>Fin de l'appel dans {seconds} s</source>
        <translation>تنتهي المكالمة خلال {seconds} ثانية</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="321" />
        <source>Il reste moins d'une minute. Dites au revoir.</source>
        <translation>بقيت أقل من دقيقة. ودّع قريبك.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="326" />
        <source>Il reste moins de 5 minutes.</source>
        <translation>بقيت أقل من 5 دقائق.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="366" />
        <source>Appel terminé</source>
        <translation>انتهت المكالمة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="370" />
        <source>Durée</source>
        <translation>المدة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="373" />
        <source>Prix</source>
        <translation>السعر</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="378" />
        <source>Nouveau crédit</source>
        <translation>الرصيد الجديد</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="385" />
        <source>Touchez « Terminer » quand vous êtes prêt à quitter la cabine.</source>
        <translation>المس «إنهاء» عندما تكون مستعدًا لمغادرة المقصورة.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="390" />
        <source>La cabine se verrouille dans {seconds} s.</source>
        <translation>ستُقفل المقصورة خلال {seconds} ثانية.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="394" />
        <source>Terminer</source>
        <translation>إنهاء</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <location filename="../../kiosk/i18n.py" line="136" />
        <source>{h} h {m} min</source>
        <translation>{h} س {m} د</translation>
    </message>
    <message>
        <location filename="../../kiosk/i18n.py" line="138" />
        <source>{m} min</source>
        <translation>{m} دقيقة</translation>
    </message>
    <message>
        <location filename="../../kiosk/i18n.py" line="140" />
        <source>{m} min {s} s</source>
        <translation>{m} د {s} ث</translation>
    </message>
    <message>
        <location filename="../../kiosk/i18n.py" line="141" />
        <source>{s} s</source>
        <translation>{s} ث</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../kiosk/ui/session.py" line="33" />
        <source>Hors forfait</source>
        <translation>بدون باقة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="34" />
        <source>Forfait {amount} €</source>
        <translation>باقة {amount} €</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="38" />
        <source>{day}, {start} – {end}</source>
        <translation>{day}، {start} – {end}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="51" />
        <source>Bonjour {name}</source>
        <translation>مرحبًا {name}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="81" />
        <source>Tapez votre code personnel sur le clavier, puis « Valider ».</source>
        <translation>اكتب رمزك الشخصي على لوحة الأرقام، ثم اضغط «تأكيد».</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="85" />
        <source>Votre code</source>
        <translation>رمزك</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="89" />
        <source>Ce n'est pas moi</source>
        <translation>لست أنا</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="90" />
        <source>Valider</source>
        <translation>تأكيد</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="95" />
        <source>Trop d'essais. Vous pourrez réessayer dans {seconds} s.</source>
        <translation>محاولات كثيرة. يمكنك إعادة المحاولة بعد {seconds} ثانية.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="155" />
        <source>Que voulez-vous faire ?</source>
        <translation>ماذا تريد أن تفعل؟</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="159" />
        <source>Crédit téléphonie</source>
        <translation>رصيد الهاتف</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="162" />
        <source>Formule</source>
        <translation>الباقة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="166" />
        <source>Votre rendez-vous de maintenant</source>
        <translation>موعدك الآن</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="169" />
        <source>{start} – {end}</source>
        <translation>{start} – {end}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="175" />
        <source>Avec {contact}</source>
        <translation>مع {contact}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="181" />
        <source>Pas de rendez-vous maintenant</source>
        <translation>لا يوجد موعد الآن</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="184" />
        <source>Vous pouvez réserver un créneau pour appeler plus tard.</source>
        <translation>يمكنك حجز موعد للاتصال لاحقًا.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="189" />
        <source>Langue :</source>
        <translation>اللغة:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="192" />
        <source>Terminer</source>
        <translation>إنهاء</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="193" />
        <location filename="../../kiosk/ui/session.py" line="476" />
        <source>Mes réservations</source>
        <translation>حجوزاتي</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="194" />
        <source>Réserver un créneau</source>
        <translation>حجز موعد</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="195" />
        <source>Appeler</source>
        <translation>اتصال</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="212" />
        <source>L'appel dure 30 minutes au plus. Il est payé à la minute sur votre compte téléphonie.</source>
        <translation>تدوم المكالمة 30 دقيقة على الأكثر. تُدفع بالدقيقة من حساب الهاتف الخاص بك.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="220" />
        <source>Seules les personnes autorisées peuvent être à l'écran ou parler. Un enfant mineur seulement avec l'accord de ses parents.</source>
        <translation>لا يجوز الظهور على الشاشة أو التكلم إلا للأشخاص المأذون لهم. ولا يشارك القاصر إلا بموافقة والديه.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="228" />
        <source>Les gestes ou paroles indécents ou violents sont interdits.</source>
        <translation>يُمنع كل تصرف أو كلام غير لائق أو عنيف.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="234" />
        <source>L'appel peut être écouté et regardé, en direct ou plus tard, par le personnel chargé des écoutes.</source>
        <translation>يمكن لموظفي المراقبة الاستماع إلى المكالمة ومشاهدتها، مباشرةً أو لاحقًا.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="245" />
        <source>Si une règle n'est pas respectée, la visio ou le téléphone peut être suspendu ou retiré. La sanction s'applique au numéro appelé.</source>
        <translation>إذا خولفت قاعدة، يمكن تعليق مكالمات الفيديو أو الهاتف أو سحبها. وتُطبَّق العقوبة على الرقم المتصَل به.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="287" />
        <source>Les règles de la visio</source>
        <translation>قواعد مكالمة الفيديو</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="289" />
        <source>Lisez-les avant votre premier appel.</source>
        <translation>اقرأها قبل مكالمتك الأولى.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="292" />
        <source>Rappel des règles</source>
        <translation>تذكير بالقواعد</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="294" />
        <source>Avant chaque appel, un court rappel.</source>
        <translation>تذكير قصير قبل كل مكالمة.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="313" />
        <source>Captation de l'image et du son</source>
        <translation>تسجيل الصورة والصوت</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="316" />
        <source>En utilisant la visio, vous acceptez que l'image et le son de vos appels soient captés et enregistrés, selon la loi Informatique et Libertés. Les enregistrements sont détruits après 90 jours, sauf s'ils sont remis à la justice. Les appels à votre avocat ne sont ni écoutés ni enregistrés.</source>
        <translation>باستخدامك مكالمات الفيديو، فإنك توافق على التقاط صورة مكالماتك وصوتها وتسجيلهما وفق قانون المعلوماتية والحريات الفرنسي. تُتلف التسجيلات بعد 90 يومًا إلا إذا سُلّمت إلى القضاء. ولا يُستمع إلى مكالماتك مع محاميك ولا تُسجَّل.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="325" />
        <source>J'ai lu les règles et j'accepte la captation</source>
        <translation>قرأت القواعد وأوافق على التسجيل</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="327" />
        <location filename="../../kiosk/ui/session.py" line="375" />
        <location filename="../../kiosk/ui/session.py" line="450" />
        <location filename="../../kiosk/ui/session.py" line="518" />
        <source>Retour</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="329" />
        <source>J'accepte</source>
        <translation>أوافق</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="331" />
        <source>J'ai compris</source>
        <translation>فهمت</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="351" />
        <source>Qui voulez-vous appeler maintenant ?</source>
        <translation>بمن تريد أن تتصل الآن؟</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="355" />
        <source>Réserver : qui voulez-vous appeler ?</source>
        <translation>الحجز: بمن تريد أن تتصل؟</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="358" />
        <source>Seuls vos numéros autorisés sont proposés.</source>
        <translation>تظهر هنا أرقامك المأذون بها فقط.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="368" />
        <source>numéro suspendu</source>
        <translation>الرقم معلّق</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="370" />
        <source>numéro retiré</source>
        <translation>الرقم مسحوب</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="406" />
        <source>Réserver : choisissez le jour et l'heure</source>
        <translation>الحجز: اختر اليوم والساعة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="409" />
        <source>Rendez-vous avec {name}. Les créneaux durent 30 minutes.</source>
        <translation>موعد مع {name}. مدة كل موعد 30 دقيقة.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="423" />
        <source>Aujourd'hui</source>
        <translation>اليوم</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="425" />
        <source>Demain</source>
        <translation>غدًا</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="453" />
        <source>Réserver {day} à {time}</source>
        <translation>احجز {day} الساعة {time}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="459" />
        <source>Réserver</source>
        <translation>احجز</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="478" />
        <source>Vos prochains rendez-vous de visio.</source>
        <translation>مواعيد مكالمات الفيديو القادمة.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="488" />
        <source>Vous n'avez aucun rendez-vous à venir.</source>
        <translation>ليس لديك أي موعد قادم.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="504" />
        <source>En cours</source>
        <translation>جارٍ الآن</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="509" />
        <source>Annuler la réservation</source>
        <translation>إلغاء الحجز</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="510" />
        <source>Confirmer l'annulation</source>
        <translation>تأكيد الإلغاء</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="547" />
        <source>Retour à l'accueil</source>
        <translation>العودة إلى البداية</translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="32" />
        <source>État du service central : vérification…</source>
        <translation>الخدمة المركزية: جارٍ التحقق…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="36" />
        <source>Service central joignable · dernière synchronisation à {time}</source>
        <translation>الخدمة المركزية متاحة · آخر مزامنة الساعة {time}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="43" />
        <source>Service central injoignable (dernière synchronisation à {time}) : les appels et les réservations sont impossibles pour le moment.</source>
        <translation>الخدمة المركزية غير متاحة (آخر مزامنة الساعة {time}): لا يمكن الاتصال ولا الحجز في الوقت الحالي.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="86" />
        <source>Cabine de visio</source>
        <translation>مقصورة مكالمات الفيديو</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="90" />
        <source>Prochains rendez-vous dans cette cabine</source>
        <translation>المواعيد القادمة في هذه المقصورة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="99" />
        <source>Aucun rendez-vous prévu aujourd'hui.</source>
        <translation>لا يوجد موعد مبرمج اليوم.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="105" />
        <source>{day} · {start} – {end}</source>
        <translation>{day} · {start} – {end}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="121" />
        <source>Surveillant</source>
        <translation>الحارس</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="149" />
        <source>Cabine hors service</source>
        <translation>المقصورة معطّلة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="152" />
        <source>Cette cabine ne peut pas être utilisée pour le moment. Adressez-vous au surveillant.</source>
        <translation>لا يمكن استعمال هذه المقصورة حاليًا. توجّه إلى الحارس.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="158" />
        <source>Technicien</source>
        <translation>الفني</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="185" />
        <source>Surveillant ou technicien : ouvrir la cabine</source>
        <translation>الحارس أو الفني: فتح المقصورة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="188" />
        <source>Surveillant : terminer la séance</source>
        <translation>الحارس: إنهاء الجلسة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="191" />
        <source>Technicien : intervenir sur la cabine</source>
        <translation>الفني: صيانة المقصورة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="197" />
        <source>Tapez votre code ou passez votre badge, puis « Valider ».</source>
        <translation>اكتب رمزك أو مرّر شارتك، ثم اضغط «تأكيد».</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="203" />
        <source>Code personnel</source>
        <translation>الرمز الشخصي</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="204" />
        <location filename="../../kiosk/ui/staff.py" line="245" />
        <source>Retour</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="205" />
        <location filename="../../kiosk/ui/staff.py" line="250" />
        <source>Valider</source>
        <translation>تأكيد</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="210" />
        <source>Trop d'essais. Réessayez dans {seconds} s.</source>
        <translation>محاولات كثيرة. أعد المحاولة بعد {seconds} ثانية.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="247" />
        <source>Fermer la cabine</source>
        <translation>إغلاق المقصورة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="249" />
        <source>Séance réservation seule</source>
        <translation>جلسة حجز فقط</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="257" />
        <source>Séance sans rendez-vous (réservation seule)</source>
        <translation>جلسة بدون موعد (للحجز فقط)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="260" />
        <source>Tapez le numéro d'écrou de la personne détenue.</source>
        <translation>اكتب رقم السجل الخاص بالشخص المحتجز.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="265" />
        <source>Numéro d'écrou</source>
        <translation>رقم السجل</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="269" />
        <source>Choisissez la séance à ouvrir</source>
        <translation>اختر الجلسة التي تريد فتحها</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="271" />
        <source>Touchez le rendez-vous de maintenant, puis confiez la cabine à la personne.</source>
        <translation>المس موعد الآن، ثم سلّم المقصورة إلى الشخص.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="283" />
        <source>Aucun rendez-vous en ce moment dans cette cabine.</source>
        <translation>لا يوجد موعد في هذه المقصورة الآن.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="291" />
        <source>{start} – {end} · {name} · avec {contact}</source>
        <translation>{start} – {end} · {name} · مع {contact}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="350" />
        <source>Mode technicien</source>
        <translation>وضع الفني</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="352" />
        <source>Pas d'image de la caméra</source>
        <translation>لا توجد صورة من الكاميرا</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="354" />
        <source>Microphone : parlez, la barre doit bouger.</source>
        <translation>الميكروفون: تكلّم، يجب أن يتحرك الشريط.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="356" />
        <source>Tester le haut-parleur</source>
        <translation>اختبار مكبّر الصوت</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="357" />
        <source>Tests du matériel</source>
        <translation>اختبارات المعدات</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="377" />
        <source>OK</source>
        <translation>سليم</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="379" />
        <source>En panne</source>
        <translation>معطّل</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="388" />
        <source>Envois en attente vers le central : {count}</source>
        <translation>إرسالات في انتظار الخدمة المركزية: {count}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="392" />
        <source>Relancer les tests</source>
        <translation>إعادة الاختبارات</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="395" />
        <source>Remettre en service</source>
        <translation>إعادة التشغيل</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="396" />
        <source>Confirmer : remettre en service</source>
        <translation>تأكيد: إعادة التشغيل</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="400" />
        <source>Mettre hors service</source>
        <translation>إيقاف الخدمة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="401" />
        <source>Confirmer : hors service</source>
        <translation>تأكيد: إيقاف الخدمة</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="404" />
        <source>Quitter l'application</source>
        <translation>الخروج من التطبيق</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="405" />
        <source>Confirmer : quitter</source>
        <translation>تأكيد: الخروج</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="407" />
        <source>Fermer</source>
        <translation>إغلاق</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../kiosk/texts.py" line="22" />
        <source>Ce créneau est déjà passé. Choisissez un autre horaire.</source>
        <translation>هذا الموعد قد مضى. اختر وقتًا آخر.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="25" />
        <source>Ce créneau n'est pas proposé. Choisissez un horaire dans la liste.</source>
        <translation>هذا الموعد غير متاح. اختر وقتًا من القائمة.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="28" />
        <source>Ce créneau commence trop tôt pour être réservé (délai de prévenance). Choisissez un horaire plus tard.</source>
        <translation>يبدأ هذا الموعد قريبًا جدًا ولا يمكن حجزه (مهلة الإشعار). اختر وقتًا لاحقًا.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="33" />
        <source>Ce créneau est trop loin dans le temps. Réservez-le dans quelques jours.</source>
        <translation>هذا الموعد بعيد جدًا. احجزه بعد بضعة أيام.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="36" />
        <source>Ce créneau vient d'être pris. Choisissez un autre horaire.</source>
        <translation>حُجز هذا الموعد للتو. اختر وقتًا آخر.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="39" />
        <source>Vous avez déjà un rendez-vous à cette heure-là. Choisissez un autre horaire.</source>
        <translation>لديك موعد آخر في هذا الوقت. اختر وقتًا آخر.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="42" />
        <source>Vous avez atteint le nombre de rendez-vous autorisés pour cette période. Réservez pour la période suivante.</source>
        <translation>بلغت عدد المواعيد المسموح به لهذه الفترة. احجز للفترة القادمة.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="47" />
        <source>Il est trop tard pour annuler ce rendez-vous. Adressez-vous au surveillant.</source>
        <translation>فات وقت إلغاء هذا الموعد. توجّه إلى الحارس.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="50" />
        <source>Ce rendez-vous a déjà commencé. Il ne peut plus être annulé.</source>
        <translation>بدأ هذا الموعد. لم يعد من الممكن إلغاؤه.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="53" />
        <source>Votre crédit est insuffisant pour appeler. Rechargez votre compte téléphonie.</source>
        <translation>رصيدك غير كافٍ للاتصال. اشحن حساب الهاتف الخاص بك.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="56" />
        <source>Il ne reste plus de temps sur ce créneau. Réservez un nouveau rendez-vous.</source>
        <translation>لم يبق وقت في هذا الموعد. احجز موعدًا جديدًا.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="59" />
        <source>Votre formule de paiement est inconnue. Adressez-vous au surveillant.</source>
        <translation>باقة الدفع الخاصة بك غير معروفة. توجّه إلى الحارس.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="62" />
        <source>Ce numéro n'est pas autorisé. Demandez son autorisation au greffe.</source>
        <translation>هذا الرقم غير مأذون به. اطلب الإذن من كتابة الضبط.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="65" />
        <source>Ce numéro est suspendu pour le moment. Choisissez un autre proche.</source>
        <translation>هذا الرقم معلّق حاليًا. اختر قريبًا آخر.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="68" />
        <source>Ce numéro n'est plus autorisé. Adressez-vous au greffe.</source>
        <translation>لم يعد هذا الرقم مأذونًا به. توجّه إلى كتابة الضبط.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="71" />
        <source>Votre accès à la visio est suspendu pour le moment. Adressez-vous au surveillant.</source>
        <translation>حقك في مكالمات الفيديو معلّق حاليًا. توجّه إلى الحارس.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="75" />
        <source>Votre accès à la visio a été retiré. Adressez-vous au surveillant.</source>
        <translation>سُحب حقك في مكالمات الفيديو. توجّه إلى الحارس.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="84" />
        <source>Cette demande n'est pas possible. Adressez-vous au surveillant.</source>
        <translation>هذا الطلب غير ممكن. توجّه إلى الحارس.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="91" />
        <source>Vous avez raccroché.</source>
        <translation>أنهيت المكالمة.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="92" />
        <source>Votre proche a raccroché.</source>
        <translation>أنهى قريبك المكالمة.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="95" />
        <source>Le temps de l'appel est écoulé.</source>
        <translation>انتهى وقت المكالمة.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="98" />
        <source>Votre crédit est épuisé. Rechargez votre compte téléphonie.</source>
        <translation>نفد رصيدك. اشحن حساب الهاتف الخاص بك.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="101" />
        <source>L'appel a été arrêté par le personnel de surveillance.</source>
        <translation>أوقف موظفو المراقبة المكالمة.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="104" />
        <source>Votre proche n'a pas rejoint l'appel dans les 5 minutes. Vous pourrez réessayer sur un autre créneau.</source>
        <translation>لم ينضم قريبك إلى المكالمة خلال 5 دقائق. يمكنك المحاولة في موعد آخر.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="109" />
        <source>La connexion de votre proche a été perdue et n'est pas revenue.</source>
        <translation>انقطع اتصال قريبك ولم يعد.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="112" />
        <source>Vous avez annulé l'appel.</source>
        <translation>ألغيت المكالمة.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="113" />
        <source>L'appel a été terminé par un surveillant.</source>
        <translation>أنهى أحد الحراس المكالمة.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="116" />
        <source>Un problème technique a interrompu l'appel. Ce n'est pas de votre faute.</source>
        <translation>قطع عطل تقني المكالمة. ليس ذلك خطأك.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="123" />
        <source>L'appel est terminé.</source>
        <translation>انتهت المكالمة.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="128" />
        <source>Caméra</source>
        <translation>الكاميرا</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="129" />
        <source>Microphone</source>
        <translation>الميكروفون</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="130" />
        <source>Haut-parleur</source>
        <translation>مكبّر الصوت</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="131" />
        <source>Écran</source>
        <translation>الشاشة</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="132" />
        <source>Réseau</source>
        <translation>الشبكة</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="133" />
        <source>Synchronisation</source>
        <translation>المزامنة</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="134" />
        <source>Données locales</source>
        <translation>البيانات المحلية</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="147" />
        <source>Ce code n'est pas le bon. Essais restants : {tries}.</source>
        <translation>هذا الرمز غير صحيح. المحاولات المتبقية: {tries}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="151" />
        <source>Votre rendez-vous avec {contact} est réservé : {day} à {time}. Prévenez votre proche de l'heure.</source>
        <translation>تم حجز موعدك مع {contact}: {day} الساعة {time}. أخبر قريبك بالموعد.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="160" />
        <source>{device} ne répond pas. Vérifiez le branchement puis relancez les tests.</source>
        <translation>{device} لا يستجيب. تحقّق من التوصيل ثم أعد الاختبارات.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="164" />
        <source>Vérification du code…</source>
        <translation>جارٍ التحقق من الرمز…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="165" />
        <source>Chargement…</source>
        <translation>جارٍ التحميل…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="166" />
        <source>Recherche des créneaux libres…</source>
        <translation>جارٍ البحث عن المواعيد المتاحة…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="169" />
        <source>Réservation en cours…</source>
        <translation>جارٍ الحجز…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="170" />
        <source>Annulation en cours…</source>
        <translation>جارٍ الإلغاء…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="171" />
        <source>Préparation de l'appel et envoi du SMS à votre proche…</source>
        <translation>جارٍ تحضير المكالمة وإرسال الرسالة النصية إلى قريبك…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="174" />
        <source>Annulation de l'appel…</source>
        <translation>جارٍ إلغاء المكالمة…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="177" />
        <source>Fin de l'appel…</source>
        <translation>جارٍ إنهاء المكالمة…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="178" />
        <source>Tests du matériel en cours…</source>
        <translation>جارٍ اختبار المعدات…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="181" />
        <source>Trop d'essais. Patientez avant de réessayer.</source>
        <translation>محاولات كثيرة. انتظر قبل إعادة المحاولة.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="184" />
        <source>Le code est trop court. Tapez tous les chiffres.</source>
        <translation>الرمز قصير جدًا. اكتب كل الأرقام.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="187" />
        <source>Code ou badge non reconnu. Réessayez.</source>
        <translation>الرمز أو الشارة غير معروفين. أعد المحاولة.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="190" />
        <source>La cabine est hors service : seul un technicien peut l'ouvrir.</source>
        <translation>المقصورة معطّلة: لا يفتحها إلا الفني.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="193" />
        <source>Tapez le numéro d'écrou de la personne.</source>
        <translation>اكتب رقم السجل الخاص بالشخص.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="196" />
        <source>Ce numéro d'écrou est inconnu de la cabine. Vérifiez-le.</source>
        <translation>رقم السجل هذا غير معروف لدى المقصورة. تحقّق منه.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="199" />
        <source>Vous n'avez pas de rendez-vous maintenant dans cette cabine. Réservez un créneau, puis revenez à l'heure prévue.</source>
        <translation>ليس لديك موعد الآن في هذه المقصورة. احجز موعدًا ثم عُد في الوقت المحدد.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="204" />
        <source>L'appel n'est pas possible</source>
        <translation>المكالمة غير ممكنة</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="207" />
        <source>Le service central ne répond pas</source>
        <translation>الخدمة المركزية لا تستجيب</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="210" />
        <source>Le service central ne répond pas. Les réservations sont impossibles pour le moment. Réessayez dans quelques minutes.</source>
        <translation>الخدمة المركزية لا تستجيب. لا يمكن الحجز حاليًا. أعد المحاولة بعد بضع دقائق.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="215" />
        <source>Le service central ne répond pas, l'appel ne peut pas partir. Ce n'est pas de votre faute. Réessayez dans quelques minutes ou prévenez le surveillant.</source>
        <translation>الخدمة المركزية لا تستجيب، ولا يمكن إجراء المكالمة. ليس ذلك خطأك. أعد المحاولة بعد بضع دقائق أو أخبر الحارس.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="220" />
        <source>Un appareil de la cabine ne fonctionne pas</source>
        <translation>أحد أجهزة المقصورة لا يعمل</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="223" />
        <source>La caméra ou le micro de la cabine ne répond pas. Prévenez le surveillant : un technicien viendra le réparer.</source>
        <translation>كاميرا المقصورة أو الميكروفون لا يستجيب. أخبر الحارس: سيأتي فني لإصلاحه.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="228" />
        <source>La cabine n'arrive pas à lire ses données. Prévenez le surveillant.</source>
        <translation>لا تستطيع المقصورة قراءة بياناتها. أخبر الحارس.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="231" />
        <source>Aucun créneau libre ce jour-là. Choisissez un autre jour.</source>
        <translation>لا يوجد موعد متاح في هذا اليوم. اختر يومًا آخر.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="234" />
        <source>Rendez-vous réservé</source>
        <translation>تم حجز الموعد</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="235" />
        <source>Le rendez-vous est annulé.</source>
        <translation>أُلغي الموعد.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="236" />
        <source>C'est le rendez-vous en cours : il ne peut pas être annulé.</source>
        <translation>هذا هو الموعد الجاري: لا يمكن إلغاؤه.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="239" />
        <source>La cabine est maintenant hors service.</source>
        <translation>المقصورة الآن معطّلة.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="242" />
        <source>La cabine est de nouveau en service.</source>
        <translation>عادت المقصورة إلى الخدمة.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="249" />
        <source>Un instant, s'il vous plaît.</source>
        <translation>لحظة من فضلك.</translation>
    </message>
</context>
<context>
    <name>Window</name>
    <message>
        <location filename="../../kiosk/ui/window.py" line="109" />
        <source>Surveillant</source>
        <translation>الحارس</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window.py" line="220" />
        <source>Sans action de votre part, la séance se termine dans {seconds} s. Touchez l'écran pour continuer.</source>
        <translation>إذا لم تقم بأي إجراء، تنتهي الجلسة خلال {seconds} ثانية. المس الشاشة للمتابعة.</translation>
    </message>
</context>
</TS>