<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_ES" sourcelanguage="fr_FR">
<context>
    <name>Call</name>
    <message>
        <location filename="../../kiosk/ui/call.py" line="72" />
        <source>Avant l'appel : vérifiez l'image et le son</source>
        <translation>Antes de la llamada: compruebe la imagen y el sonido</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="75" />
        <source>Placez-vous face à la caméra. Votre proche vous verra ainsi.</source>
        <translation>Colóquese frente a la cámara. Así le verá su familiar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="79" />
        <location filename="../../kiosk/ui/call.py" line="177" />
        <source>Pas d'image de la caméra</source>
        <translation>No hay imagen de la cámara</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="81" />
        <location filename="../../kiosk/ui/call.py" line="179" />
        <source>Votre image (comme dans un miroir)</source>
        <translation>Su imagen (como en un espejo)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="86" />
        <source>Vous appelez</source>
        <translation>Usted llama a</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="90" />
        <source>Durée autorisée</source>
        <translation>Duración permitida</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="94" />
        <source>{price} la minute</source>
        <translation>{price} por minuto</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="98" />
        <source>{fee} de mise en relation</source>
        <translation>{fee} de establecimiento de llamada</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="101" />
        <source>Tarif</source>
        <translation>Tarifa</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="105" />
        <source>Coût estimé si l'appel dure {duration}</source>
        <translation>Coste estimado si la llamada dura {duration}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="112" />
        <source>Appel confidentiel : il n'est ni écouté ni enregistré.</source>
        <translation>Llamada confidencial: no se escucha ni se graba.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="117" />
        <source>Micro : parlez, la barre doit bouger.</source>
        <translation>Micrófono: hable, la barra debe moverse.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="119" />
        <source>Retour</source>
        <translation>Volver</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="120" />
        <source>Appeler</source>
        <translation>Llamar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="162" />
        <source>Nous attendons votre proche</source>
        <translation>Esperamos a su familiar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="167" />
        <source>Un SMS avec un code a été envoyé au {number} ; votre proche a 5 minutes pour rejoindre.</source>
        <translation>Se ha enviado un SMS con un código al {number}; su familiar tiene 5 minutos para unirse.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="175" />
        <source>temps restant pour rejoindre</source>
        <translation>tiempo restante para unirse</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="182" />
        <source>Annuler l'appel</source>
        <translation>Cancelar la llamada</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="183" />
        <source>Confirmer : annuler l'appel</source>
        <translation>Confirmar: cancelar la llamada</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="268" />
        <source>Votre proche a quitté l'appel.</source>
        <translation>Su familiar ha salido de la llamada.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="275" />
        <source>temps restant</source>
        <translation>tiempo restante</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="277" />
        <source>Coût : {cost}</source>
        <translation>Coste: {cost}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="283" />
        <source>Crédit restant : {balance}</source>
        <translation>Saldo restante: {balance}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="288" />
        <source>Activer le micro</source>
        <translation>Activar el micrófono</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="290" />
        <source>Couper le micro</source>
        <translation>Silenciar el micrófono</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="294" />
        <source>Masquer mon image</source>
        <translation>Ocultar mi imagen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="296" />
        <source>Afficher mon image</source>
        <translation>Mostrar mi imagen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="300" />
        <source>Surveillant</source>
        <translation>Funcionario</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="302" />
        <source>Raccrocher</source>
        <translation>Colgar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="303" />
        <source>Confirmer : raccrocher</source>
        <translation>Confirmar: colgar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="309" />
        <source>Votre proche a quitté l'appel. Il a encore {seconds} s pour revenir ; ce temps n'est pas facturé.</source>
        <translation>Su familiar ha salido de la llamada. Le quedan {seconds} s para volver; este tiempo no se cobra.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="316" />
        <source>Fin de l'appel dans {seconds} s</source>
        <translation>La llamada termina en {seconds} s</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="321" />
        <source>Il reste moins d'une minute. Dites au revoir.</source>
        <translation>Queda menos de un minuto. Despídase.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="326" />
        <source>Il reste moins de 5 minutes.</source>
        <translation>Quedan menos de 5 minutos.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="366" />
        <source>Appel terminé</source>
        <translation>Llamada terminada</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="370" />
        <source>Durée</source>
        <translation>Duración</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="373" />
        <source>Prix</source>
        <translation>Precio</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="378" />
        <source>Nouveau crédit</source>
        <translation>Nuevo saldo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="385" />
        <source>Touchez « Terminer » quand vous êtes prêt à quitter la cabine.</source>
        <translation>Toque «Terminar» cuando esté listo para salir de la cabina.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="390" />
        <source>La cabine se verrouille dans {seconds} s.</source>
        <translation>La cabina se bloqueará en {seconds} s.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/call.py" line="394" />
        <source>Terminer</source>
        <translation>Terminar</translation>
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
        <translation>Sin tarifa plana</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="34" />
        <source>Forfait {amount} €</source>
        <translation>Tarifa de {amount} €</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="38" />
        <source>{day}, {start} – {end}</source>
        <translation>{day}, {start} – {end}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="51" />
        <source>Bonjour {name}</source>
        <translation>Hola, {name}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="81" />
        <source>Tapez votre code personnel sur le clavier, puis « Valider ».</source>
        <translation>Escriba su código personal en el teclado y pulse «Confirmar».</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="85" />
        <source>Votre code</source>
        <translation>Su código</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="89" />
        <source>Ce n'est pas moi</source>
        <translation>No soy yo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="90" />
        <source>Valider</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="95" />
        <source>Trop d'essais. Vous pourrez réessayer dans {seconds} s.</source>
        <translation>Demasiados intentos. Podrá volver a intentarlo en {seconds} s.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="155" />
        <source>Que voulez-vous faire ?</source>
        <translation>¿Qué desea hacer?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="159" />
        <source>Crédit téléphonie</source>
        <translation>Saldo telefónico</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="162" />
        <source>Formule</source>
        <translation>Tarifa</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="166" />
        <source>Votre rendez-vous de maintenant</source>
        <translation>Su cita de ahora</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="169" />
        <source>{start} – {end}</source>
        <translation>{start} – {end}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="175" />
        <source>Avec {contact}</source>
        <translation>Con {contact}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="181" />
        <source>Pas de rendez-vous maintenant</source>
        <translation>No tiene cita ahora</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="184" />
        <source>Vous pouvez réserver un créneau pour appeler plus tard.</source>
        <translation>Puede reservar una franja para llamar más tarde.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="189" />
        <source>Langue :</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="192" />
        <source>Terminer</source>
        <translation>Terminar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="193" />
        <location filename="../../kiosk/ui/session.py" line="476" />
        <source>Mes réservations</source>
        <translation>Mis reservas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="194" />
        <source>Réserver un créneau</source>
        <translation>Reservar una franja</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="195" />
        <source>Appeler</source>
        <translation>Llamar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="212" />
        <source>L'appel dure 30 minutes au plus. Il est payé à la minute sur votre compte téléphonie.</source>
        <translation>La llamada dura 30 minutos como máximo. Se paga por minuto con su cuenta telefónica.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="220" />
        <source>Seules les personnes autorisées peuvent être à l'écran ou parler. Un enfant mineur seulement avec l'accord de ses parents.</source>
        <translation>Solo las personas autorizadas pueden aparecer en pantalla o hablar. Un menor solo con el permiso de sus padres.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="228" />
        <source>Les gestes ou paroles indécents ou violents sont interdits.</source>
        <translation>Están prohibidos los gestos o palabras indecentes o violentos.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="234" />
        <source>L'appel peut être écouté et regardé, en direct ou plus tard, par le personnel chargé des écoutes.</source>
        <translation>La llamada puede ser escuchada y vista, en directo o más tarde, por el personal de escucha.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="245" />
        <source>Si une règle n'est pas respectée, la visio ou le téléphone peut être suspendu ou retiré. La sanction s'applique au numéro appelé.</source>
        <translation>Si no se respeta una norma, la videollamada o el teléfono pueden suspenderse o retirarse. La sanción se aplica al número llamado.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="287" />
        <source>Les règles de la visio</source>
        <translation>Normas de la videollamada</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="289" />
        <source>Lisez-les avant votre premier appel.</source>
        <translation>Léalas antes de su primera llamada.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="292" />
        <source>Rappel des règles</source>
        <translation>Recordatorio de las normas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="294" />
        <source>Avant chaque appel, un court rappel.</source>
        <translation>Un breve recordatorio antes de cada llamada.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="313" />
        <source>Captation de l'image et du son</source>
        <translation>Captación de imagen y sonido</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="316" />
        <source>En utilisant la visio, vous acceptez que l'image et le son de vos appels soient captés et enregistrés, selon la loi Informatique et Libertés. Les enregistrements sont détruits après 90 jours, sauf s'ils sont remis à la justice. Les appels à votre avocat ne sont ni écoutés ni enregistrés.</source>
        <translation>Al usar la videollamada, acepta que la imagen y el sonido de sus llamadas se capten y graben, conforme a la ley francesa de protección de datos. Las grabaciones se destruyen a los 90 días, salvo si se entregan a la justicia. Las llamadas a su abogado no se escuchan ni se graban.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="325" />
        <source>J'ai lu les règles et j'accepte la captation</source>
        <translation>He leído las normas y acepto la captación</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="327" />
        <location filename="../../kiosk/ui/session.py" line="375" />
        <location filename="../../kiosk/ui/session.py" line="450" />
        <location filename="../../kiosk/ui/session.py" line="518" />
        <source>Retour</source>
        <translation>Volver</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="329" />
        <source>J'accepte</source>
        <translation>Acepto</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="331" />
        <source>J'ai compris</source>
        <translation>Entendido</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="351" />
        <source>Qui voulez-vous appeler maintenant ?</source>
        <translation>¿A quién quiere llamar ahora?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="355" />
        <source>Réserver : qui voulez-vous appeler ?</source>
        <translation>Reservar: ¿a quién quiere llamar?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="358" />
        <source>Seuls vos numéros autorisés sont proposés.</source>
        <translation>Solo se muestran sus números autorizados.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="368" />
        <source>numéro suspendu</source>
        <translation>número suspendido</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="370" />
        <source>numéro retiré</source>
        <translation>número retirado</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="406" />
        <source>Réserver : choisissez le jour et l'heure</source>
        <translation>Reservar: elija el día y la hora</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="409" />
        <source>Rendez-vous avec {name}. Les créneaux durent 30 minutes.</source>
        <translation>Cita con {name}. Las franjas duran 30 minutos.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="423" />
        <source>Aujourd'hui</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="425" />
        <source>Demain</source>
        <translation>Mañana</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="453" />
        <source>Réserver {day} à {time}</source>
        <translation>Reservar el {day} a las {time}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="459" />
        <source>Réserver</source>
        <translation>Reservar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="478" />
        <source>Vos prochains rendez-vous de visio.</source>
        <translation>Sus próximas citas de videollamada.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="488" />
        <source>Vous n'avez aucun rendez-vous à venir.</source>
        <translation>No tiene ninguna cita próxima.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="504" />
        <source>En cours</source>
        <translation>En curso</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="509" />
        <source>Annuler la réservation</source>
        <translation>Cancelar la reserva</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="510" />
        <source>Confirmer l'annulation</source>
        <translation>Confirmar la cancelación</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/session.py" line="547" />
        <source>Retour à l'accueil</source>
        <translation>Volver al inicio</translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="32" />
        <source>État du service central : vérification…</source>
        <translation>Servicio central: comprobando…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="36" />
        <source>Service central joignable · dernière synchronisation à {time}</source>
        <translation>Servicio central disponible · última sincronización a las {time}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="43" />
        <source>Service central injoignable (dernière synchronisation à {time}) : les appels et les réservations sont impossibles pour le moment.</source>
        <translation>Servicio central no disponible (última sincronización a las {time}): por ahora no se puede llamar ni reservar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="86" />
        <source>Cabine de visio</source>
        <translation>Cabina de videollamada</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="90" />
        <source>Prochains rendez-vous dans cette cabine</source>
        <translation>Próximas citas en esta cabina</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="99" />
        <source>Aucun rendez-vous prévu aujourd'hui.</source>
        <translation>No hay ninguna cita prevista hoy.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="105" />
        <source>{day} · {start} – {end}</source>
        <translation>{day} · {start} – {end}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="121" />
        <source>Surveillant</source>
        <translation>Funcionario</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="149" />
        <source>Cabine hors service</source>
        <translation>Cabina fuera de servicio</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="152" />
        <source>Cette cabine ne peut pas être utilisée pour le moment. Adressez-vous au surveillant.</source>
        <translation>Esta cabina no se puede usar por ahora. Diríjase al funcionario.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="158" />
        <source>Technicien</source>
        <translation>Técnico</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="185" />
        <source>Surveillant ou technicien : ouvrir la cabine</source>
        <translation>Funcionario o técnico: abrir la cabina</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="188" />
        <source>Surveillant : terminer la séance</source>
        <translation>Funcionario: terminar la sesión</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="191" />
        <source>Technicien : intervenir sur la cabine</source>
        <translation>Técnico: intervenir en la cabina</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="197" />
        <source>Tapez votre code ou passez votre badge, puis « Valider ».</source>
        <translation>Escriba su código o pase su tarjeta y pulse «Confirmar».</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="203" />
        <source>Code personnel</source>
        <translation>Código personal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="204" />
        <location filename="../../kiosk/ui/staff.py" line="245" />
        <source>Retour</source>
        <translation>Volver</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="205" />
        <location filename="../../kiosk/ui/staff.py" line="250" />
        <source>Valider</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="210" />
        <source>Trop d'essais. Réessayez dans {seconds} s.</source>
        <translation>Demasiados intentos. Inténtelo de nuevo en {seconds} s.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="247" />
        <source>Fermer la cabine</source>
        <translation>Cerrar la cabina</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="249" />
        <source>Séance réservation seule</source>
        <translation>Sesión solo para reservar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="257" />
        <source>Séance sans rendez-vous (réservation seule)</source>
        <translation>Sesión sin cita (solo reservas)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="260" />
        <source>Tapez le numéro d'écrou de la personne détenue.</source>
        <translation>Escriba el número de registro de la persona detenida.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="265" />
        <source>Numéro d'écrou</source>
        <translation>Número de registro</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="269" />
        <source>Choisissez la séance à ouvrir</source>
        <translation>Elija la sesión que desea abrir</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="271" />
        <source>Touchez le rendez-vous de maintenant, puis confiez la cabine à la personne.</source>
        <translation>Toque la cita de ahora y deje la cabina a la persona.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="283" />
        <source>Aucun rendez-vous en ce moment dans cette cabine.</source>
        <translation>No hay ninguna cita en esta cabina ahora.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="291" />
        <source>{start} – {end} · {name} · avec {contact}</source>
        <translation>{start} – {end} · {name} · con {contact}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="350" />
        <source>Mode technicien</source>
        <translation>Modo técnico</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="352" />
        <source>Pas d'image de la caméra</source>
        <translation>No hay imagen de la cámara</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="354" />
        <source>Microphone : parlez, la barre doit bouger.</source>
        <translation>Micrófono: hable, la barra debe moverse.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="356" />
        <source>Tester le haut-parleur</source>
        <translation>Probar el altavoz</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="357" />
        <source>Tests du matériel</source>
        <translation>Pruebas del equipo</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="377" />
        <source>OK</source>
        <translation>Correcto</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="379" />
        <source>En panne</source>
        <translation>Averiado</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="388" />
        <source>Envois en attente vers le central : {count}</source>
        <translation>Envíos pendientes hacia el servicio central: {count}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="392" />
        <source>Relancer les tests</source>
        <translation>Repetir las pruebas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="395" />
        <source>Remettre en service</source>
        <translation>Volver a poner en servicio</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="396" />
        <source>Confirmer : remettre en service</source>
        <translation>Confirmar: volver a poner en servicio</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="400" />
        <source>Mettre hors service</source>
        <translation>Poner fuera de servicio</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="401" />
        <source>Confirmer : hors service</source>
        <translation>Confirmar: fuera de servicio</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="404" />
        <source>Quitter l'application</source>
        <translation>Salir de la aplicación</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="405" />
        <source>Confirmer : quitter</source>
        <translation>Confirmar: salir</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff.py" line="407" />
        <source>Fermer</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../kiosk/texts.py" line="22" />
        <source>Ce créneau est déjà passé. Choisissez un autre horaire.</source>
        <translation>Esta franja ya ha pasado. Elija otra hora.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="25" />
        <source>Ce créneau n'est pas proposé. Choisissez un horaire dans la liste.</source>
        <translation>Esta franja no está disponible. Elija una hora de la lista.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="28" />
        <source>Ce créneau commence trop tôt pour être réservé (délai de prévenance). Choisissez un horaire plus tard.</source>
        <translation>Esta franja empieza demasiado pronto para reservarla (plazo de aviso). Elija una hora más tarde.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="33" />
        <source>Ce créneau est trop loin dans le temps. Réservez-le dans quelques jours.</source>
        <translation>Esta franja está demasiado lejos. Resérvela dentro de unos días.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="36" />
        <source>Ce créneau vient d'être pris. Choisissez un autre horaire.</source>
        <translation>Esta franja acaba de ser reservada. Elija otra hora.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="39" />
        <source>Vous avez déjà un rendez-vous à cette heure-là. Choisissez un autre horaire.</source>
        <translation>Ya tiene una cita a esa hora. Elija otra hora.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="42" />
        <source>Vous avez atteint le nombre de rendez-vous autorisés pour cette période. Réservez pour la période suivante.</source>
        <translation>Ha alcanzado el número de citas permitidas en este periodo. Reserve para el periodo siguiente.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="47" />
        <source>Il est trop tard pour annuler ce rendez-vous. Adressez-vous au surveillant.</source>
        <translation>Es demasiado tarde para cancelar esta cita. Diríjase al funcionario.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="50" />
        <source>Ce rendez-vous a déjà commencé. Il ne peut plus être annulé.</source>
        <translation>Esta cita ya ha empezado. Ya no se puede cancelar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="53" />
        <source>Votre crédit est insuffisant pour appeler. Rechargez votre compte téléphonie.</source>
        <translation>Su saldo no es suficiente para llamar. Recargue su cuenta telefónica.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="56" />
        <source>Il ne reste plus de temps sur ce créneau. Réservez un nouveau rendez-vous.</source>
        <translation>No queda tiempo en esta franja. Reserve una nueva cita.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="59" />
        <source>Votre formule de paiement est inconnue. Adressez-vous au surveillant.</source>
        <translation>Su tarifa de pago es desconocida. Diríjase al funcionario.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="62" />
        <source>Ce numéro n'est pas autorisé. Demandez son autorisation au greffe.</source>
        <translation>Este número no está autorizado. Pida su autorización a la secretaría.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="65" />
        <source>Ce numéro est suspendu pour le moment. Choisissez un autre proche.</source>
        <translation>Este número está suspendido por ahora. Elija a otro familiar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="68" />
        <source>Ce numéro n'est plus autorisé. Adressez-vous au greffe.</source>
        <translation>Este número ya no está autorizado. Diríjase a la secretaría.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="71" />
        <source>Votre accès à la visio est suspendu pour le moment. Adressez-vous au surveillant.</source>
        <translation>Su acceso a la videollamada está suspendido por ahora. Diríjase al funcionario.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="75" />
        <source>Votre accès à la visio a été retiré. Adressez-vous au surveillant.</source>
        <translation>Su acceso a la videollamada ha sido retirado. Diríjase al funcionario.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="84" />
        <source>Cette demande n'est pas possible. Adressez-vous au surveillant.</source>
        <translation>Esta solicitud no es posible. Diríjase al funcionario.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="91" />
        <source>Vous avez raccroché.</source>
        <translation>Usted ha colgado.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="92" />
        <source>Votre proche a raccroché.</source>
        <translation>Su familiar ha colgado.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="95" />
        <source>Le temps de l'appel est écoulé.</source>
        <translation>El tiempo de la llamada ha terminado.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="98" />
        <source>Votre crédit est épuisé. Rechargez votre compte téléphonie.</source>
        <translation>Se ha agotado su saldo. Recargue su cuenta telefónica.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="101" />
        <source>L'appel a été arrêté par le personnel de surveillance.</source>
        <translation>El personal de vigilancia ha detenido la llamada.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="104" />
        <source>Votre proche n'a pas rejoint l'appel dans les 5 minutes. Vous pourrez réessayer sur un autre créneau.</source>
        <translation>Su familiar no se ha unido en 5 minutos. Podrá intentarlo en otra franja.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="109" />
        <source>La connexion de votre proche a été perdue et n'est pas revenue.</source>
        <translation>Se perdió la conexión de su familiar y no ha vuelto.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="112" />
        <source>Vous avez annulé l'appel.</source>
        <translation>Ha cancelado la llamada.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="113" />
        <source>L'appel a été terminé par un surveillant.</source>
        <translation>Un funcionario ha terminado la llamada.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="116" />
        <source>Un problème technique a interrompu l'appel. Ce n'est pas de votre faute.</source>
        <translation>Un problema técnico ha interrumpido la llamada. No es culpa suya.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="123" />
        <source>L'appel est terminé.</source>
        <translation>La llamada ha terminado.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="128" />
        <source>Caméra</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="129" />
        <source>Microphone</source>
        <translation>Micrófono</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="130" />
        <source>Haut-parleur</source>
        <translation>Altavoz</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="131" />
        <source>Écran</source>
        <translation>Pantalla</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="132" />
        <source>Réseau</source>
        <translation>Red</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="133" />
        <source>Synchronisation</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="134" />
        <source>Données locales</source>
        <translation>Datos locales</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="147" />
        <source>Ce code n'est pas le bon. Essais restants : {tries}.</source>
        <translation>Este código no es correcto. Intentos restantes: {tries}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="151" />
        <source>Votre rendez-vous avec {contact} est réservé : {day} à {time}. Prévenez votre proche de l'heure.</source>
        <translation>Su cita con {contact} está reservada: {day} a las {time}. Avise a su familiar de la hora.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="160" />
        <source>{device} ne répond pas. Vérifiez le branchement puis relancez les tests.</source>
        <translation>{device} no responde. Compruebe la conexión y repita las pruebas.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="164" />
        <source>Vérification du code…</source>
        <translation>Comprobando el código…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="165" />
        <source>Chargement…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="166" />
        <source>Recherche des créneaux libres…</source>
        <translation>Buscando franjas libres…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="169" />
        <source>Réservation en cours…</source>
        <translation>Reservando…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="170" />
        <source>Annulation en cours…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="171" />
        <source>Préparation de l'appel et envoi du SMS à votre proche…</source>
        <translation>Preparando la llamada y enviando el SMS a su familiar…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="174" />
        <source>Annulation de l'appel…</source>
        <translation>Cancelando la llamada…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="177" />
        <source>Fin de l'appel…</source>
        <translation>Terminando la llamada…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="178" />
        <source>Tests du matériel en cours…</source>
        <translation>Probando el equipo…</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="181" />
        <source>Trop d'essais. Patientez avant de réessayer.</source>
        <translation>Demasiados intentos. Espere antes de volver a intentarlo.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="184" />
        <source>Le code est trop court. Tapez tous les chiffres.</source>
        <translation>El código es demasiado corto. Escriba todas las cifras.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="187" />
        <source>Code ou badge non reconnu. Réessayez.</source>
        <translation>Código o tarjeta no reconocidos. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="190" />
        <source>La cabine est hors service : seul un technicien peut l'ouvrir.</source>
        <translation>La cabina está fuera de servicio: solo un técnico puede abrirla.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="193" />
        <source>Tapez le numéro d'écrou de la personne.</source>
        <translation>Escriba el número de registro de la persona.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="196" />
        <source>Ce numéro d'écrou est inconnu de la cabine. Vérifiez-le.</source>
        <translation>Esta cabina no conoce este número de registro. Compruébelo.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="199" />
        <source>Vous n'avez pas de rendez-vous maintenant dans cette cabine. Réservez un créneau, puis revenez à l'heure prévue.</source>
        <translation>No tiene cita ahora en esta cabina. Reserve una franja y vuelva a la hora prevista.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="204" />
        <source>L'appel n'est pas possible</source>
        <translation>La llamada no es posible</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="207" />
        <source>Le service central ne répond pas</source>
        <translation>El servicio central no responde</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="210" />
        <source>Le service central ne répond pas. Les réservations sont impossibles pour le moment. Réessayez dans quelques minutes.</source>
        <translation>El servicio central no responde. Por ahora no se puede reservar. Inténtelo de nuevo en unos minutos.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="215" />
        <source>Le service central ne répond pas, l'appel ne peut pas partir. Ce n'est pas de votre faute. Réessayez dans quelques minutes ou prévenez le surveillant.</source>
        <translation>El servicio central no responde y la llamada no puede salir. No es culpa suya. Inténtelo en unos minutos o avise al funcionario.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="220" />
        <source>Un appareil de la cabine ne fonctionne pas</source>
        <translation>Un aparato de la cabina no funciona</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="223" />
        <source>La caméra ou le micro de la cabine ne répond pas. Prévenez le surveillant : un technicien viendra le réparer.</source>
        <translation>La cámara o el micrófono de la cabina no responde. Avise al funcionario: un técnico vendrá a repararlo.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="228" />
        <source>La cabine n'arrive pas à lire ses données. Prévenez le surveillant.</source>
        <translation>La cabina no consigue leer sus datos. Avise al funcionario.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="231" />
        <source>Aucun créneau libre ce jour-là. Choisissez un autre jour.</source>
        <translation>No hay franjas libres ese día. Elija otro día.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="234" />
        <source>Rendez-vous réservé</source>
        <translation>Cita reservada</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="235" />
        <source>Le rendez-vous est annulé.</source>
        <translation>La cita está cancelada.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="236" />
        <source>C'est le rendez-vous en cours : il ne peut pas être annulé.</source>
        <translation>Es la cita en curso: no se puede cancelar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="239" />
        <source>La cabine est maintenant hors service.</source>
        <translation>La cabina está ahora fuera de servicio.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="242" />
        <source>La cabine est de nouveau en service.</source>
        <translation>La cabina vuelve a estar en servicio.</translation>
    </message>
    <message>
        <location filename="../../kiosk/texts.py" line="249" />
        <source>Un instant, s'il vous plaît.</source>
        <translation>Un momento, por favor.</translation>
    </message>
</context>
<context>
    <name>Window</name>
    <message>
        <location filename="../../kiosk/ui/window.py" line="109" />
        <source>Surveillant</source>
        <translation>Funcionario</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window.py" line="220" />
        <source>Sans action de votre part, la séance se termine dans {seconds} s. Touchez l'écran pour continuer.</source>
        <translation>Si no hace nada, la sesión termina en {seconds} s. Toque la pantalla para seguir.</translation>
    </message>
</context>
</TS>