package io.slaflow.org;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.cmd.CheckPassword;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.stereotype.Component;

/**
 * Only administrators manage users: a user may change their own password, not their name or e-mail, nor delete
 * their own login (Camunda would let them: it grants each new user ALL on their own user). Also lets
 * {@link LoginThrottle} hold back and count every password check, whichever door asked for it.
 */
@Component
public class IdentityGuardPlugin extends AbstractProcessEnginePlugin {

  /** What a user may do with their own user: read it, and update it, which {@link ProfileGuard} limits. */
  static final int SELF_PERMISSIONS = Permissions.READ.getValue() | Permissions.UPDATE.getValue();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new SelfServiceAuthorizations());
    List<CommandInterceptor> pre = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    pre.add(new PasswordChecks());
    configuration.setCustomPreCommandInterceptorsTxRequired(pre);
    List<CommandInterceptor> post = configuration.getCustomPostCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    post.add(new ProfileGuard());
    configuration.setCustomPostCommandInterceptorsTxRequired(post);
  }

  /** New users get {@link #SELF_PERMISSIONS} on themselves instead of Camunda's ALL. */
  static final class SelfServiceAuthorizations extends DefaultAuthorizationProvider {
    @Override
    public AuthorizationEntity[] newUser(User user) {
      AuthorizationEntity[] grants = super.newUser(user);
      for (AuthorizationEntity grant : grants) {
        grant.setPermissions(SELF_PERMISSIONS);
      }
      return grants;
    }
  }

  /**
   * Every door (Basic auth, the webapps' login, verify, change password) checks a password with this command: it is
   * not run while the account is delayed for the requesting address (the check fails, as Camunda's own delay did),
   * and its outcome is told to {@link LoginThrottle}.
   */
  static final class PasswordChecks extends CommandInterceptor {
    @Override
    @SuppressWarnings("unchecked") // CheckPassword is a Command<Boolean>
    public <T> T execute(Command<T> command) {
      if (!(command instanceof CheckPassword check)) {
        return next.execute(command);
      }
      String account = (String) field(CheckPassword.class, "userId", check);
      if (LoginThrottle.delays(account)) {
        return (T) Boolean.FALSE;
      }
      T result = next.execute(command);
      LoginThrottle.passwordChecked(account, Boolean.TRUE.equals(result));
      return result;
    }
  }

  /**
   * A user who saves their own user (not as an administrator) may change the password only: the engine REST API's
   * and the webapps' profile update and change-password both save the whole user.
   */
  static final class ProfileGuard extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof SaveUserCmd) {
        check((User) field(SaveUserCmd.class, "user", command));
      }
      return next.execute(command);
    }

    private static void check(User user) {
      CommandContext context = Context.getCommandContext();
      Authentication authentication = context.getAuthentication();
      if (user == null || authentication == null || !context.isAuthorizationCheckEnabled()
          || !Objects.equals(user.getId(), authentication.getUserId())
          || context.getAuthorizationManager().isCamundaAdmin(authentication)) {
        return;
      }
      UserEntity stored = context.getDbEntityManager().selectById(UserEntity.class, user.getId());
      if (stored != null && !(Objects.equals(stored.getFirstName(), user.getFirstName())
          && Objects.equals(stored.getLastName(), user.getLastName())
          && Objects.equals(stored.getEmail(), user.getEmail()))) {
        throw new AuthorizationException("User '" + user.getId() + "' may change their own password but not their"
            + " name or e-mail; an administrator changes those.");
      }
    }
  }

  // SaveUserCmd and CheckPassword keep what we need in fields without getters; tests pin the names for this engine
  // version.
  private static Object field(Class<?> type, String name, Object command) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field.get(command);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Camunda changed " + type.getSimpleName() + "." + name, e);
    }
  }
}
