/** Which process answered: the instance id both services report in /actuator/info. */
package io.wapipeline.service.instance;
