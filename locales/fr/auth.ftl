# La connexion, l'inscription, les liens reçus par mail et le compte.

## Ce que ces pages partagent

auth-email = E-mail
auth-password = Mot de passe
auth-new-password = Nouveau mot de passe
auth-name = Nom
auth-password-hint = Au moins { $min } { $min ->
    [one] caractère.
   *[other] caractères.
}
auth-sign-in = Se connecter
auth-back-to-login = Retour à la connexion
auth-go-to-login = Aller à la connexion
auth-back-to-formations = Retour à mes formations

## Connexion

auth-login-title = Connexion
auth-login-confirmed = Adresse e-mail confirmée : vous pouvez vous connecter.
auth-login-reset = Mot de passe modifié : connectez-vous avec le nouveau. Vos autres sessions ont été fermées.
auth-login-forgot = Mot de passe oublié ?
auth-login-no-account = Pas encore de compte ?

## Inscription

auth-signup-title = Créer un compte
auth-signup-submit = Créer mon compte
auth-signup-have-account = Déjà inscrit ?
auth-signup-sent-heading = Vérifiez votre boîte mail
auth-signup-sent = Un message vient de partir vers l'adresse indiquée. Suivez le lien qu'il contient (valable 24 heures) pour activer votre compte, puis connectez-vous.
# Une phrase coupée par un lien : avant le lien, le lien, après le lien.
auth-signup-sent-hint = Rien reçu après quelques minutes ? Regardez dans les indésirables, ou
auth-signup-sent-hint-link = demandez un nouveau lien
auth-signup-sent-hint-end = .

## Déconnexion

auth-logout-title = Déconnexion
auth-logout-question = Voulez-vous vous déconnecter ?
auth-logout-submit = Se déconnecter

## Mot de passe oublié, nouveau mot de passe

auth-forgot-title = Mot de passe oublié
auth-forgot-intro = Indiquez l'adresse de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe.
auth-forgot-submit = Envoyer le lien
auth-forgot-sent = Si un compte existe pour cette adresse, un lien vient d'y être envoyé. Il est valable 30 minutes et ne sert qu'une fois.
auth-reset-heading = Choisir un nouveau mot de passe
auth-reset-renew = Demander un nouveau lien
auth-reset-consequence = Toutes vos sessions seront fermées.
auth-reset-submit = Enregistrer le mot de passe

## Confirmation de l'adresse

auth-confirm-title = Confirmer mon adresse
auth-confirm-heading = Confirmer mon adresse e-mail
auth-confirm-renew = Recevoir un nouveau lien
auth-resend-title = Renvoyer le lien de confirmation
auth-resend-submit = Renvoyer le lien
auth-resend-sent = Si cette adresse attend sa confirmation, un nouveau lien vient d'y être envoyé (valable 24 heures).

## Mon compte

auth-account-title = Mon compte
auth-account-ok-name = Nom enregistré.
auth-account-ok-email-sent = Un lien de confirmation vient de partir vers la nouvelle adresse : l'adresse du compte changera quand vous l'aurez suivi (valable 24 heures).
auth-account-ok-email = Adresse e-mail modifiée.
auth-account-ok-password = Mot de passe modifié. Vos autres sessions ont été fermées.
auth-account-ok-session = Session déconnectée.
auth-account-name-label = Nom affiché
auth-account-name-submit = Enregistrer le nom
auth-account-email-current = Adresse actuelle :
auth-account-email-label = Nouvelle adresse
auth-account-email-hint = Un lien de confirmation y sera envoyé ; rien ne change avant.
auth-account-email-submit = Changer d'adresse
auth-account-password-current = Mot de passe actuel
auth-account-password-consequence = Vos autres sessions seront fermées.
auth-account-password-submit = Changer le mot de passe
auth-account-sessions-title = Sessions ouvertes
auth-account-sessions-caption = Vos sessions ouvertes
auth-account-column-device = Appareil
auth-account-column-kind = Type
auth-account-column-opened = Ouverte le
auth-account-column-action = Action
auth-account-this-session = Cette session
auth-account-revoke = Déconnecter
auth-account-revoke-label = Déconnecter la session { $device }
auth-account-logout-all = Se déconnecter de partout
auth-account-logout-all-hint = Ferme toutes vos sessions et révoque les jetons d'API, y compris sur cet appareil.
auth-session-kind-browser = Navigateur
auth-session-kind-api = Application (jeton d'API)
# Le client qui a ouvert une session, lu dans son User-Agent : « Firefox sur Linux ».
auth-device-on = { $browser } sur { $system }
auth-device-unknown = Appareil inconnu

## Page introuvable, accès refusé

auth-not-found-title = Page introuvable
auth-not-found-text = Cette page n'existe pas ou ne vous est pas accessible.
auth-forbidden-title = Accès refusé
auth-forbidden-text = Accès réservé aux administrateurs.
