# Les réponses de l'API REST qui ne sont pas des erreurs.

rest-logged-out = Déconnecté.
rest-reset-sent = Si un compte existe pour cette adresse, un lien de réinitialisation vient d'y être envoyé.
rest-password-changed = Mot de passe modifié. Connectez-vous avec le nouveau.
