# Les mails des comptes : inscription, mot de passe oublié, changement
# d'adresse. Chacun est écrit dans la langue de son destinataire.

mail-greeting = Bonjour { $name },
mail-copy-link = Ou copiez cette adresse dans votre navigateur :
mail-signature = — Formations

mail-confirm =
    .subject = Confirmez votre adresse e-mail
    .intro = Bienvenue sur Formations !
    .validity = Pour activer votre compte, confirmez votre adresse avec ce lien, valable { $hours } heures et utilisable une seule fois :
    .button = Confirmer mon adresse
    .closing = Si vous n'avez pas créé de compte, ignorez ce message : aucun compte ne sera activé.

mail-reset =
    .subject = Réinitialisation de votre mot de passe
    .intro = Une réinitialisation du mot de passe de votre compte Formations a été demandée.
    .validity = Pour choisir un nouveau mot de passe, suivez ce lien, valable { $minutes } minutes et utilisable une seule fois :
    .button = Choisir un nouveau mot de passe
    .closing = Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe ne change pas.

mail-existing =
    .subject = Vous avez déjà un compte Formations
    .intro = Quelqu'un (vous, peut-être) a voulu créer un compte Formations ou y utiliser cette adresse, mais vous avez déjà un compte avec elle : connectez-vous simplement.
    .validity = Mot de passe oublié ? Choisissez-en un nouveau avec ce lien, valable { $minutes } minutes :
    .button = Choisir un nouveau mot de passe
    .closing = Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : rien ne change.

mail-email-change =
    .subject = Confirmez votre nouvelle adresse e-mail
    .intro = Vous avez demandé à utiliser cette adresse pour votre compte Formations.
    .validity = Elle remplacera l'ancienne dès que vous aurez suivi ce lien, valable { $hours } heures :
    .button = Confirmer cette adresse
    .closing = Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : rien ne changera.

request-confirmed-mail =
    .subject = Inscription confirmée : { $formation }
    .intro = Votre paiement est confirmé : vous êtes inscrit à la formation « { $formation } ».
    .body = Votre inscription court du { $start } au { $end }. Le lien de chaque séance vous attend dans « Mes Formations » pendant cette période.
    .button = Voir mes formations
    .closing = À bientôt en séance !

request-rejected-mail =
    .subject = Demande d'inscription refusée : { $formation }
    .intro = Votre demande d'inscription à la formation « { $formation } » n'a pas été acceptée.
    .body = Motif : { $reason }
    .button = Voir la formation
    .closing = Vous pouvez faire une nouvelle demande depuis le catalogue.
