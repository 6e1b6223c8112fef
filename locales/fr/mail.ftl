# Les mails des comptes : inscription, mot de passe oublié, changement
# d'adresse. Chacun est écrit dans la langue de son destinataire.

mail-greeting = Bonjour { $name },
mail-copy-link = Ou copiez cette adresse dans votre navigateur :
mail-signature = — Formations

mail-confirm-subject = Confirmez votre adresse e-mail
mail-confirm-welcome = Bienvenue sur Formations !
mail-confirm-validity = Pour activer votre compte, confirmez votre adresse avec ce lien, valable { $hours } heures et utilisable une seule fois :
mail-confirm-button = Confirmer mon adresse
mail-confirm-closing = Si vous n'avez pas créé de compte, ignorez ce message : aucun compte ne sera activé.

mail-reset-subject = Réinitialisation de votre mot de passe
mail-reset-intro = Une réinitialisation du mot de passe de votre compte Formations a été demandée.
mail-reset-validity = Pour choisir un nouveau mot de passe, suivez ce lien, valable { $minutes } minutes et utilisable une seule fois :
mail-reset-closing = Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe ne change pas.
mail-reset-button = Choisir un nouveau mot de passe

mail-existing-subject = Vous avez déjà un compte Formations
mail-existing-intro = Quelqu'un (vous, peut-être) a voulu créer un compte Formations ou y utiliser cette adresse, mais vous avez déjà un compte avec elle : connectez-vous simplement.
mail-existing-validity = Mot de passe oublié ? Choisissez-en un nouveau avec ce lien, valable { $minutes } minutes :
mail-existing-closing = Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : rien ne change.

mail-email-change-subject = Confirmez votre nouvelle adresse e-mail
mail-email-change-intro = Vous avez demandé à utiliser cette adresse pour votre compte Formations.
mail-email-change-validity = Elle remplacera l'ancienne dès que vous aurez suivi ce lien, valable { $hours } heures :
mail-email-change-button = Confirmer cette adresse
mail-email-change-closing = Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : rien ne changera.
